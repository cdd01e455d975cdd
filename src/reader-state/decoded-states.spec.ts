import { DecodedStates } from './decoded-states';
import { encodeReaderState, NO_ACCOUNT, type ReaderState } from './reader-state';

const stateOf = (version: string, follows: string[]): ReaderState => ({
  ...NO_ACCOUNT,
  version,
  role: 'reader',
  follows: new Set(follows),
  mutes: new Set(),
  hidden: new Set(),
  opened: new Set(),
});

describe('DecodedStates', () => {
  it('decodes a stored text once and hands out the same state while the text stays', () => {
    const states = new DecodedStates();
    const raw = encodeReaderState(stateOf('3', ['1', '2']));
    const first = states.of('7', raw);
    expect([...first!.follows]).toEqual(['1', '2']);
    expect(states.of('7', `${raw}`)).toBe(first);
  });

  it('decodes afresh when the stored text changed, and keeps readers apart', () => {
    const states = new DecodedStates();
    const before = states.of('7', encodeReaderState(stateOf('3', ['1'])));
    const after = states.of('7', encodeReaderState(stateOf('4', ['1', '5'])));
    expect(after).not.toBe(before);
    expect(after!.version).toBe('4');
    expect([...after!.follows]).toEqual(['1', '5']);
    expect(states.of('8', encodeReaderState(stateOf('9', [])))!.version).toBe('9');
    expect(states.of('7', 'not a state')).toBeNull();
  });
});
