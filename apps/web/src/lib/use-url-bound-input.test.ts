import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useUrlBoundInput } from './use-url-bound-input.js';

describe('useUrlBoundInput', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const setup = () => {
    const commit = vi.fn<(value: string) => void>();
    const hook = renderHook(({ urlValue }) => useUrlBoundInput(urlValue, commit), {
      initialProps: { urlValue: '' },
    });
    const type = (text: string) => {
      act(() => {
        hook.result.current[1](text);
      });
    };
    const wait = (ms: number) => {
      act(() => {
        vi.advanceTimersByTime(ms);
      });
    };
    return { commit, hook, type, wait };
  };

  it('commits the trimmed text once typing settles, not before', () => {
    const { commit, type, wait } = setup();
    type('dun');
    wait(100);
    type('dune ');
    wait(299);
    expect(commit).not.toHaveBeenCalled();
    wait(1);
    expect(commit).toHaveBeenCalledExactlyOnceWith('dune');
  });

  it('keeps what was typed after a commit when the URL catches up with it', () => {
    const { hook, type, wait } = setup();
    type('dune');
    wait(300);
    type('dune messiah');
    hook.rerender({ urlValue: 'dune' });
    expect(hook.result.current[0]).toBe('dune messiah');
  });

  it('shows the URL’s value when it changes from elsewhere, without committing it back', () => {
    const { commit, hook, wait } = setup();
    hook.rerender({ urlValue: 'le guin' });
    expect(hook.result.current[0]).toBe('le guin');
    wait(300);
    expect(commit).not.toHaveBeenCalled();
  });

  it('follows the URL back to a value it once committed', () => {
    const { hook, type, wait } = setup();
    type('dune');
    wait(300);
    hook.rerender({ urlValue: 'dune' });
    hook.rerender({ urlValue: 'tolkien' });
    expect(hook.result.current[0]).toBe('tolkien');
    hook.rerender({ urlValue: 'dune' });
    expect(hook.result.current[0]).toBe('dune');
  });
});
