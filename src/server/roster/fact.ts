declare const fromRoster: unique symbol;

/**
 * A fact about people read by the roster, in TypeScript or through its SQL form inside the caller's
 * own statement. A caller that already read one hands it to the policy as it is; it cannot make one
 * up (only a cast could), so no access check can be skipped by passing a verdict. The fact names what
 * it is about (group, subject, staff ids), and the policy checks that against the object and the actor.
 */
export type Fact<T> = Readonly<T> & { readonly [fromRoster]: true };
