import { type BoundParam, LIST_FILTERS, LIST_KEYS, type ListKey, RANGE_FILTERS } from '../screener-fields.js';
import type { ScreenerState } from '../screener-state.js';

const SCORE_KEYS = new Set(['score', 'performance', 'fundamental', 'sentiment', 'sector_score', 'momentum']);
const GROUPS = [
  { title: 'Scores (0–100)', filters: RANGE_FILTERS.filter((f) => SCORE_KEYS.has(f.key)) },
  { title: 'Valuation and technicals', filters: RANGE_FILTERS.filter((f) => !SCORE_KEYS.has(f.key)) },
];

/** A number input's value as a bound: empty is no bound. */
function readBound(input: HTMLInputElement): number | undefined {
  if (input.value.trim() === '') return undefined;
  const value = input.valueAsNumber;
  return Number.isFinite(value) ? value : undefined;
}

/**
 * The screener's filters: a min/max pair per number, a group of check boxes per list (each box a
 * plain, labelled control, so the keyboard and screen readers need nothing special), and a search
 * box. A number applies when it is committed (Enter or leaving the field), not on every keystroke.
 */
export function ScreenerFilters({
  state,
  sectors,
  onChange,
}: {
  state: ScreenerState;
  sectors: readonly string[];
  /** Applies a change to the screen as it is when the change happens. */
  onChange: (update: (current: ScreenerState) => ScreenerState) => void;
}) {
  const setBound = (name: BoundParam, value: number | undefined) =>
    onChange((current) => {
      const bounds = { ...current.bounds };
      if (value === undefined) delete bounds[name];
      else bounds[name] = value;
      return { ...current, bounds, page: 1 };
    });
  const toggle = (key: ListKey, value: string, on: boolean) =>
    onChange((current) => {
      const chosen = current.lists[key] ?? [];
      const values = on ? [...chosen.filter((v) => v !== value), value] : chosen.filter((v) => v !== value);
      const lists = { ...current.lists };
      if (values.length > 0) lists[key] = values;
      else delete lists[key];
      return { ...current, lists, page: 1 };
    });
  const choicesOf = (key: ListKey): readonly string[] => {
    const chosen = state.lists[key] ?? [];
    const choices = LIST_FILTERS[key].choices ?? sectors;
    // A sector named by the link but not (yet) in the API's list stays visible, so it can be unticked.
    return [...choices, ...chosen.filter((c) => !choices.includes(c))];
  };
  const active = Object.keys(state.bounds).length + Object.keys(state.lists).length + (state.q ? 1 : 0);

  return (
    <form
      class="screener-filters"
      aria-label="Filters"
      onSubmit={(event) => {
        event.preventDefault();
        // Enter in a field commits it: its change event has run by now.
      }}
    >
      <div class="screener-search">
        <label for="screener-q">Symbol or name</label>
        <input
          id="screener-q"
          type="search"
          maxLength={64}
          value={state.q}
          autoComplete="off"
          spellcheck={false}
          onChange={(event) => {
            const q = (event.target as HTMLInputElement).value.trim();
            onChange((current) => ({ ...current, q, page: 1 }));
          }}
        />
        <button
          type="button"
          class="link"
          disabled={active === 0}
          onClick={() => onChange((current) => ({ ...current, bounds: {}, lists: {}, q: '', page: 1 }))}
        >
          Clear {active > 0 ? `${active} ` : ''}filter{active === 1 ? '' : 's'}
        </button>
      </div>
      {GROUPS.map((group) => (
        <fieldset key={group.title} class="screener-ranges">
          <legend>{group.title}</legend>
          {group.filters.map((filter) => {
            const min = `${filter.key}_min` as BoundParam;
            const max = `${filter.key}_max` as BoundParam;
            return (
              <div key={filter.key} class="screener-range">
                <span class="screener-range-label" aria-hidden="true">
                  {filter.label}
                </span>
                <input
                  type="number"
                  inputMode="decimal"
                  aria-label={`${filter.label} at least`}
                  placeholder="min"
                  name={min}
                  min={filter.min}
                  max={filter.max}
                  step={filter.step}
                  value={state.bounds[min] ?? ''}
                  onChange={(event) => setBound(min, readBound(event.target as HTMLInputElement))}
                />
                <span aria-hidden="true">–</span>
                <input
                  type="number"
                  inputMode="decimal"
                  aria-label={`${filter.label} at most`}
                  placeholder="max"
                  name={max}
                  min={filter.min}
                  max={filter.max}
                  step={filter.step}
                  value={state.bounds[max] ?? ''}
                  onChange={(event) => setBound(max, readBound(event.target as HTMLInputElement))}
                />
              </div>
            );
          })}
        </fieldset>
      ))}
      {LIST_KEYS.map((key) => (
        <fieldset key={key} class="screener-choices" data-filter={key}>
          <legend>{LIST_FILTERS[key].label}</legend>
          {choicesOf(key).map((value) => (
            <label key={value} class="screener-choice">
              <input
                type="checkbox"
                name={key}
                value={value}
                checked={state.lists[key]?.includes(value) ?? false}
                onChange={(event) => toggle(key, value, (event.target as HTMLInputElement).checked)}
              />{' '}
              {value}
            </label>
          ))}
        </fieldset>
      ))}
    </form>
  );
}
