#!/usr/bin/env node
// A recording stand-in for kubectl, for the blue-green.sh tests (blue-green.test.ts puts it on PATH
// as `kubectl`). It keeps a small model of the cluster in the JSON file $KUBECTL_STATE, appends
// every call (its argv, and stdin for `create -f -`) to $KUBECTL_LOG, and answers each command the
// script uses as kubectl would for that state. Reads must use the exact JSONPath queries of
// kubectl-queries.json (blue-green.test.ts runs those through the real kubectl). The scenario's
// `fail` entries make a step fail:
//   rollout: a colour whose rollout never becomes ready
//   migration: the migration Job ends Failed
//   smoke: the check Job fails on a colour's own Service
//   healthAfterSwitch: the check Job fails through the live Service
//   workerRollout: the worker's rollout fails
// A check Job also fails when the colour it reaches is not ready. Every switch of the Service is
// checked: `violations` records a switch to a colour that is not ready. Any command the model does
// not know exits 99, so the tests see unexpected calls.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';

const QUERIES = JSON.parse(readFileSync(new URL('./kubectl-queries.json', import.meta.url), 'utf8'));

const statePath = process.env.KUBECTL_STATE;
const logPath = process.env.KUBECTL_LOG;
if (!statePath || !logPath) {
  console.error('kubectl stand-in: KUBECTL_STATE and KUBECTL_LOG must be set');
  process.exit(98);
}
const state = JSON.parse(readFileSync(statePath, 'utf8'));
const argv = process.argv.slice(2);
const entry = { argv };

let namespace;
const args = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--namespace' || argv[i] === '-n') namespace = argv[++i];
  else args.push(argv[i]);
}

function finish(code, stdout = '', stderr = '') {
  appendFileSync(logPath, `${JSON.stringify(entry)}\n`);
  writeFileSync(statePath, JSON.stringify(state, null, 2));
  if (stdout) process.stdout.write(stdout);
  if (stderr) process.stderr.write(`${stderr}\n`);
  process.exit(code);
}
const unknown = () => finish(99, '', `kubectl stand-in: unexpected call: ${argv.join(' ')}`);
const deployment = (ref) => state.deployments[ref.replace(/^deployment\//, '')];
const colourOf = (name) => name.replace(/^(deployment\/)?da-ki-server-/, '');
const ready = (name) => {
  const d = state.deployments[name];
  return Boolean(d?.ready && d.replicas > 0);
};
const option = (name) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

if (namespace !== state.namespace)
  finish(1, '', `Error from server (NotFound): namespaces "${namespace}" not found`);

const [verb, ...rest] = args;
const jsonpath = rest.includes('-o') ? rest[rest.indexOf('-o') + 1] : '';

switch (verb) {
  case 'get': {
    const [kind, name] = rest;
    if (kind === 'service' && name === 'da-ki-server' && jsonpath === QUERIES.serviceColor)
      finish(0, state.service);
    if (kind === 'deployment' && state.deployments[name]) {
      if (jsonpath === QUERIES.replicas) finish(0, String(state.deployments[name].replicas));
      if (jsonpath === QUERIES.image.replace('CONTAINER', state.deployments[name].container)) {
        finish(0, state.deployments[name].image);
      }
    }
    if (kind === 'job' && jsonpath === QUERIES.jobConditions && state.jobs[name])
      finish(0, state.jobs[name].status);
    if (kind === 'job') finish(1, '', `Error from server (NotFound): jobs.batch "${name}" not found`);
    unknown();
    break;
  }
  case 'set': {
    const [what, ref, assignment] = rest;
    const d = deployment(ref);
    if (what !== 'image' || !d || !assignment.startsWith(`${d.container}=`)) unknown();
    const image = assignment.slice(d.container.length + 1);
    if (image !== d.image) {
      d.image = image;
      d.ready = false; // new pods: not ready until the rollout completes
    }
    finish(0, `${ref} image updated`);
    break;
  }
  case 'scale': {
    const d = deployment(rest[0]);
    const replicas = Number(option('replicas'));
    if (!d || !Number.isInteger(replicas)) unknown();
    if (replicas !== d.replicas) d.ready = false;
    d.replicas = replicas;
    finish(0, `${rest[0]} scaled`);
    break;
  }
  case 'rollout': {
    const ref = rest[1];
    const d = deployment(ref);
    if (rest[0] !== 'status' || !d) unknown();
    const name = ref.replace(/^deployment\//, '');
    const fails = name === 'da-ki-worker' ? state.fail.workerRollout : state.fail.rollout === colourOf(name);
    if (fails) finish(1, '', `error: timed out waiting for the condition on ${ref}`);
    d.ready = d.replicas > 0;
    finish(0, `deployment "${name}" successfully rolled out`);
    break;
  }
  case 'delete': {
    if (rest[0] !== 'job' || !['da-ki-migrate', 'da-ki-verify'].includes(rest[1])) unknown();
    delete state.jobs[rest[1]];
    finish(0);
    break;
  }
  case 'create': {
    if (rest.join(' ') !== '-f -') unknown();
    entry.stdin = readFileSync(0, 'utf8');
    const name = entry.stdin.match(/^ {2}name: (\S+)$/m)?.[1];
    const image = entry.stdin.match(/^\s*image: (\S+)$/m)?.[1];
    if (!/^kind: Job$/m.test(entry.stdin) || !image) unknown();
    let ok;
    if (name === 'da-ki-migrate') ok = !state.fail.migration;
    else if (name === 'da-ki-verify') {
      const [base] = JSON.parse(entry.stdin.match(/^\s*args: (.*)$/m)?.[1] ?? '[]');
      if (base === 'http://da-ki-server') {
        // Through the live Service: answered by the colour it selects.
        ok = ready(`da-ki-server-${state.service}`) && !state.fail.healthAfterSwitch;
      } else {
        const colour = base?.replace('http://da-ki-server-', '');
        if (!state.deployments[`da-ki-server-${colour}`]) unknown();
        ok = ready(`da-ki-server-${colour}`) && !state.fail.smoke;
      }
    } else unknown();
    state.jobs[name] = { image, status: ok ? 'SuccessCriteriaMet Complete' : 'FailureTarget Failed' };
    finish(0, `job.batch/${name} created`);
    break;
  }
  case 'logs':
    if (!state.jobs[rest[0]?.replace(/^job\//, '')]) unknown();
    finish(0, 'GET /health 503\n');
    break;
  case 'patch': {
    const [kind, name] = rest;
    const patch = JSON.parse(rest[rest.indexOf('-p') + 1]);
    const colour = patch?.spec?.selector?.['app.kubernetes.io/color'];
    if (kind !== 'service' || name !== 'da-ki-server' || !colour) unknown();
    if (!ready(`da-ki-server-${colour}`)) state.violations.push(`switched to ${colour}, which is not ready`);
    state.service = colour;
    finish(0, 'service/da-ki-server patched');
    break;
  }
  default:
    unknown();
}
