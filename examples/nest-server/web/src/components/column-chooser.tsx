import { COLUMNS, type ColumnId } from '../screener-fields.js';

/**
 * Which columns the screener shows: a check box per column in a disclosure, so it takes no room
 * until asked for. The choice is part of the screen (its link), kept in table order.
 */
export function ColumnChooser({
  columns,
  onChange,
}: {
  columns: readonly ColumnId[];
  onChange: (next: ColumnId[]) => void;
}) {
  return (
    <details class="column-chooser">
      <summary>Columns ({columns.length})</summary>
      <fieldset>
        <legend class="visually-hidden">Columns to show</legend>
        {COLUMNS.map((c) => (
          <label key={c.id} class="screener-choice">
            <input
              type="checkbox"
              name="columns"
              value={c.id}
              checked={columns.includes(c.id)}
              onChange={(event) => {
                const on = (event.target as HTMLInputElement).checked;
                onChange(COLUMNS.map((x) => x.id).filter((id) => (id === c.id ? on : columns.includes(id))));
              }}
            />{' '}
            {c.label}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
