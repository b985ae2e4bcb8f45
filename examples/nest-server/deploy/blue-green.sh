#!/usr/bin/env bash
# Blue-green release of the DA-KI API with kubectl (docs/deploy.md):
#   1. bring the idle colour up with the new image, as many replicas as the live colour runs
#   2. wait until it is rolled out and ready
#   3. run the migration Job (k8s/base/migration-job.yaml) with the new image
#   4. smoke-test the idle colour through its own Service (/ready, /health, the top-10 ranking)
#   5. switch the Service da-ki-server to the idle colour
#   6. check /health and /ready through da-ki-server; if that fails, switch back and stop
#   7. scale the old colour to 0, then roll the worker to the new worker image
# Until step 5 the live colour keeps all traffic, and a failure scales the idle colour back to 0.
# The checks of steps 4 and 6 run as the Job of k8s/base/verify-job.yaml, in a pod of their own
# (the API's NetworkPolicy keeps API pods from calling Services). Running the script again with the
# same image does nothing, or finishes the steps after the switch that a previous run left undone.
# Options: blue-green.sh --help. Environment: POLL_SECONDS (5) between checks of a Job's status.
set -euo pipefail

readonly SERVICE=da-ki-server
readonly WORKER=da-ki-worker
readonly MIGRATE_JOB=da-ki-migrate
readonly CHECK_JOB=da-ki-verify
readonly COLOR_LABEL='app\.kubernetes\.io/color'
MANIFESTS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/k8s/base"
readonly MIGRATE_MANIFEST="$MANIFESTS/migration-job.yaml"
readonly CHECK_MANIFEST="$MANIFESTS/verify-job.yaml"
readonly POLL_SECONDS="${POLL_SECONDS:-5}"

NAMESPACE=da-ki
TIMEOUT=300
DRY_RUN=false
IMAGE=''
WORKER_IMAGE=''

log() { printf '[blue-green] %s\n' "$*" >&2; }
usage() {
  cat >&2 <<'EOF'
Usage: blue-green.sh [--dry-run] [--namespace NS] [--timeout SECONDS] [--worker-image IMAGE] IMAGE
  IMAGE          the server image to release, e.g. ghcr.io/da-ki/da-ki-server:0.2.0
  --worker-image the worker image (default: IMAGE with da-ki-server replaced by da-ki-worker)
  --namespace    default da-ki
  --timeout      seconds to wait for a rollout or a Job (default 300)
  --dry-run      read the cluster's state, then print the commands that would change it
EOF
  exit "${1:-2}"
}

while (($# > 0)); do
  case "$1" in
    --dry-run) DRY_RUN=true ;;
    -n | --namespace) NAMESPACE="${2:?--namespace needs a value}"; shift ;;
    --timeout) TIMEOUT="${2:?--timeout needs a value}"; shift ;;
    --worker-image) WORKER_IMAGE="${2:?--worker-image needs a value}"; shift ;;
    -h | --help) usage 0 ;;
    -*) log "unknown option $1"; usage ;;
    *) [[ -z "$IMAGE" ]] || { log "one IMAGE only (got $IMAGE and $1)"; usage; }; IMAGE="$1" ;;
  esac
  shift
done
[[ -n "$IMAGE" ]] || { log "IMAGE is missing"; usage; }
[[ "$IMAGE" =~ ^[A-Za-z0-9._/:@-]+$ ]] || { log "IMAGE '$IMAGE' is not an image reference"; exit 2; }
[[ "$TIMEOUT" =~ ^[1-9][0-9]*$ ]] || { log "--timeout must be whole seconds, got '$TIMEOUT'"; exit 2; }
[[ -n "$WORKER_IMAGE" ]] || WORKER_IMAGE="${IMAGE/da-ki-server/da-ki-worker}"
for manifest in "$MIGRATE_MANIFEST" "$CHECK_MANIFEST"; do
  [[ -f "$manifest" ]] || { log "Job manifest not found: $manifest"; exit 2; }
done

# Reads run even in a dry run (the plan depends on them); changes go through `change`.
read_k() { kubectl --namespace "$NAMESPACE" "$@"; }
# A command as a shell line to copy: plain words as they are, anything else in single quotes.
shell_line() {
  local words=() word
  for word in "$@"; do
    if [[ "$word" =~ ^[A-Za-z0-9_./:=@,+-]+$ ]]; then
      words+=("$word")
    else
      words+=("'${word//\'/\'\\\'\'}'")
    fi
  done
  printf '%s\n' "${words[*]}"
}
change() {
  if $DRY_RUN; then
    shell_line kubectl --namespace "$NAMESPACE" "$@"
  else
    kubectl --namespace "$NAMESPACE" "$@"
  fi
}

# run_job NAME MANIFEST [ARG...]: creates Job NAME afresh from MANIFEST with the release's image
# (and ARGs as the container's args), then waits until it completes (0) or fails (1, log shown).
run_job() {
  local name="$1" manifest="$2"
  shift 2
  local edits=(-e "s|^([[:space:]]*image:).*|\\1 $IMAGE|") args_json='' conditions deadline
  if (($# > 0)); then
    args_json="[$(printf '"%s", ' "$@")" && args_json="${args_json%, }]"
    edits+=(-e "s|^([[:space:]]*args:).*|\\1 $args_json|")
  fi
  change delete job "$name" --ignore-not-found --wait=true
  if $DRY_RUN; then
    printf '%s < %s  # with image: %s%s\n' "$(shell_line kubectl --namespace "$NAMESPACE" create -f -)" \
      "$manifest" "$IMAGE" "${args_json:+, args: $args_json}"
    return 0
  fi
  sed -E "${edits[@]}" "$manifest" | kubectl --namespace "$NAMESPACE" create -f -
  deadline=$((SECONDS + TIMEOUT))
  while :; do
    conditions=" $(read_k get job "$name" -o 'jsonpath={.status.conditions[?(@.status=="True")].type}') "
    [[ "$conditions" == *" Complete "* ]] && return 0
    if [[ "$conditions" == *" Failed "* ]] || ((SECONDS >= deadline)); then
      read_k logs "job/$name" --tail=50 >&2 || true
      return 1
    fi
    sleep "$POLL_SECONDS"
  done
}

# ---- where we are -----------------------------------------------------------------------------------
LIVE="$(read_k get service "$SERVICE" -o "jsonpath={.spec.selector.$COLOR_LABEL}")"
case "$LIVE" in
  blue) IDLE=green ;;
  green) IDLE=blue ;;
  *) log "Service $SERVICE selects colour '$LIVE'; expected blue or green. Nothing changed."; exit 1 ;;
esac
image_of() { read_k get deployment "$1" -o "jsonpath={.spec.template.spec.containers[?(@.name==\"$2\")].image}"; }
replicas_of() { read_k get deployment "$1" -o 'jsonpath={.spec.replicas}'; }
LIVE_IMAGE="$(image_of "$SERVICE-$LIVE" server)"
LIVE_REPLICAS="$(replicas_of "$SERVICE-$LIVE")"
IDLE_REPLICAS="$(replicas_of "$SERVICE-$IDLE")"
log "namespace $NAMESPACE: $LIVE is live with $LIVE_IMAGE ($LIVE_REPLICAS replicas), $IDLE is idle ($IDLE_REPLICAS replicas)"

scale_down() { change scale "deployment/$SERVICE-$1" --replicas=0; }
finish() {
  # The steps after a confirmed switch: the old colour down, the worker on the new version.
  local old="$1"
  if [[ "$(replicas_of "$SERVICE-$old")" != 0 ]]; then scale_down "$old"; fi
  if [[ "$(image_of "$WORKER" worker)" != "$WORKER_IMAGE" ]]; then
    change set image "deployment/$WORKER" "worker=$WORKER_IMAGE"
    if ! change rollout status "deployment/$WORKER" --timeout="${TIMEOUT}s"; then
      log "the worker did not roll out to $WORKER_IMAGE (the API is released; run this again to retry)"
      exit 1
    fi
  fi
}

if [[ "$LIVE_IMAGE" == "$IMAGE" ]]; then
  log "$IMAGE is already live on $LIVE: finishing what is left, if anything"
  finish "$IDLE"
  log "done"
  exit 0
fi

abort() {
  # Traffic never left the live colour: take the idle one down again and stop.
  log "$1; $LIVE keeps serving, scaling $IDLE back to 0"
  scale_down "$IDLE" || log "could not scale $SERVICE-$IDLE down; do it by hand"
  exit 1
}

# ---- 1, 2: the idle colour up and ready ---------------------------------------------------------------
TARGET_REPLICAS=$((LIVE_REPLICAS > 0 ? LIVE_REPLICAS : 1))
log "1/7 deploying $IMAGE to $IDLE ($TARGET_REPLICAS replicas)"
change set image "deployment/$SERVICE-$IDLE" "server=$IMAGE"
change scale "deployment/$SERVICE-$IDLE" --replicas="$TARGET_REPLICAS"
log "2/7 waiting for $IDLE to be ready"
change rollout status "deployment/$SERVICE-$IDLE" --timeout="${TIMEOUT}s" || abort "$IDLE did not become ready"

# ---- 3, 4: migrations, smoke test --------------------------------------------------------------------
log "3/7 migrating the database with $IMAGE"
run_job "$MIGRATE_JOB" "$MIGRATE_MANIFEST" || abort "the migration Job did not complete"
log "4/7 smoke-testing $IDLE through Service $SERVICE-$IDLE"
run_job "$CHECK_JOB" "$CHECK_MANIFEST" "http://$SERVICE-$IDLE" /ready /health /api/wachstumsprognose/top10 ||
  abort "the smoke test of $IDLE failed"

# ---- 5, 6: switch, then confirm through the live Service -------------------------------------------
switch_to() { change patch service "$SERVICE" --type=merge -p "{\"spec\":{\"selector\":{\"app.kubernetes.io/color\":\"$1\"}}}"; }
log "5/7 switching $SERVICE from $LIVE to $IDLE"
# Interrupted between the switch and its confirmation: traffic goes back to the colour that was live.
trap 'log "interrupted after the switch: switching back to $LIVE"; switch_to "$LIVE"; exit 130' INT TERM
switch_to "$IDLE"
log "6/7 checking /health and /ready through $SERVICE"
if ! run_job "$CHECK_JOB" "$CHECK_MANIFEST" "http://$SERVICE" /health /ready; then
  log "the check through $SERVICE failed after the switch: switching back to $LIVE"
  switch_to "$LIVE"
  scale_down "$IDLE" || log "could not scale $SERVICE-$IDLE down; do it by hand"
  exit 1
fi
trap - INT TERM

# ---- 7: clean up -----------------------------------------------------------------------------------
log "7/7 scaling $LIVE down, rolling the worker to $WORKER_IMAGE"
if $DRY_RUN; then
  scale_down "$LIVE"
  change set image "deployment/$WORKER" "worker=$WORKER_IMAGE"
  change rollout status "deployment/$WORKER" --timeout="${TIMEOUT}s"
else
  finish "$LIVE"
fi
log "released $IMAGE: $IDLE is live"
