import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * A view whose code is loaded on first use (`import()` makes Vite split it into its own chunk), so
 * the first page load carries only the views most visits need. Until the chunk arrives the view is
 * a polite "Loading…"; a chunk that fails to load (a deploy replaced it, the network dropped) says
 * so with an alert instead of leaving the page blank.
 */
export function lazyView<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loading: Promise<ComponentType<P>> | undefined;
  let loaded: ComponentType<P> | undefined;
  return function LazyView(props: P) {
    const [view, setView] = useState<{ component?: ComponentType<P>; error?: string }>({ component: loaded });
    useEffect(() => {
      if (loaded) return;
      let mounted = true;
      loading ??= load().then((component) => {
        loaded = component;
        return component;
      });
      loading.then(
        (component) => mounted && setView({ component }),
        (e: Error) => {
          loading = undefined;
          if (mounted) setView({ error: e.message });
        },
      );
      return () => {
        mounted = false;
      };
    }, []);
    if (view.component) {
      const View = view.component;
      return <View {...props} />;
    }
    return view.error ? (
      <p class="error" role="alert">
        This view could not be loaded ({view.error}): reload the page.
      </p>
    ) : (
      <p class="muted" role="status">
        Loading…
      </p>
    );
  };
}
