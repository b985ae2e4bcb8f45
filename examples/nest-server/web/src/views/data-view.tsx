import { useEffect } from 'preact/hooks';
import type { DataIssue, DataStatusResponse, FileReport, SymbolReport } from '../api/types.js';
import { dataStatus, loadDataStatus } from '../data-status.js';
import { useStore } from '../store.js';

/** Where an issue is: `prices/SAP.csv line 14, column close`. */
function place(issue: DataIssue): string {
  const parts = [issue.file, issue.line === undefined ? undefined : `line ${issue.line}`];
  if (issue.column) parts.push(`column ${issue.column}`);
  return parts.filter(Boolean).join(', ');
}

function IssueList({ issues }: { issues: DataIssue[] }) {
  return (
    <ul class="issues">
      {issues.map((issue, i) => (
        <li key={`${issue.code}-${i}`} class={`issue issue-${issue.severity}`} data-code={issue.code}>
          <span class="issue-message" data-testid="reason">
            {issue.message}
          </span>
          {place(issue) && <span class="muted small"> ({place(issue)})</span>}
        </li>
      ))}
    </ul>
  );
}

/** The data report: summary, folder-wide findings, files and symbols not used as they are. */
export function DataReportView() {
  const state = useStore(dataStatus);
  // Opened directly (a link or reload): read the report fresh.
  useEffect(() => {
    void loadDataStatus();
  }, []);
  if (state === null) return <section class="panel muted">Loading the data report…</section>;
  if ('error' in state) {
    return (
      <section class="panel" role="alert">
        The data report could not be read: {state.error}
      </section>
    );
  }
  return <DataReportPanels report={state.report} />;
}

function DataReportPanels({ report }: { report: DataStatusResponse }) {
  const files = report.files.filter((f) => f.status !== 'ok');
  const symbols = report.symbols.filter((s) => s.status !== 'ok');
  const { summary } = report;
  return (
    <>
      <section class="panel" data-testid="data-summary">
        <header class="panel-header">
          <div>
            <h1>Data</h1>
            <p class="muted">
              {report.data_source.provider}
              {report.data_source.dir ? ` · ${report.data_source.dir}` : ''} · as of {report.asOf}
            </p>
          </div>
        </header>
        <dl class="facts">
          <dt>Files</dt>
          <dd>{summary.files}</dd>
          <dt>Symbols</dt>
          <dd>{summary.symbols}</dd>
          <dt>Scored</dt>
          <dd data-testid="scorable">{summary.scorable}</dd>
          <dt>With warnings</dt>
          <dd>{summary.warning}</dd>
          <dt>Excluded</dt>
          <dd>{summary.excluded}</dd>
        </dl>
        {report.issues.length > 0 && <IssueList issues={report.issues} />}
      </section>
      <section class="panel">
        <h2>Files not used as they are</h2>
        {files.length === 0 ? (
          <p class="muted">Every file was read without a finding.</p>
        ) : (
          <FileTable files={files} />
        )}
      </section>
      <section class="panel">
        <h2>Symbols not used as they are</h2>
        {symbols.length === 0 ? (
          <p class="muted">Every symbol is scored without a finding.</p>
        ) : (
          <SymbolTable symbols={symbols} />
        )}
      </section>
    </>
  );
}

function FileTable({ files }: { files: FileReport[] }) {
  return (
    <table class="data-table" data-testid="data-files">
      <thead>
        <tr>
          <th>File</th>
          <th>Status</th>
          <th>Reasons</th>
        </tr>
      </thead>
      <tbody>
        {files.map((f) => (
          <tr key={f.file} data-file={f.file} data-status={f.status}>
            <td>
              <code>{f.file}</code>
            </td>
            <td>
              <span class={`badge badge-${f.status === 'excluded' ? 'danger' : 'warning'}`}>{f.status}</span>
            </td>
            <td>
              <IssueList issues={f.issues} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SymbolTable({ symbols }: { symbols: SymbolReport[] }) {
  return (
    <table class="data-table" data-testid="data-symbols">
      <thead>
        <tr>
          <th>Symbol</th>
          <th>Status</th>
          <th>Bars</th>
          <th>Reasons</th>
        </tr>
      </thead>
      <tbody>
        {symbols.map((s) => (
          <tr key={s.symbol} data-symbol={s.symbol} data-status={s.status}>
            <td>
              <strong>{s.symbol}</strong> <span class="muted small">{s.name}</span>
            </td>
            <td>
              <span class={`badge badge-${s.status === 'excluded' ? 'danger' : 'warning'}`}>{s.status}</span>
            </td>
            <td class="num">{s.bars}</td>
            <td>
              <IssueList issues={s.issues} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
