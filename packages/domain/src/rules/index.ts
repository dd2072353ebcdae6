// The rules of grassroots Party-organisation work (docs/domain-rules.md): pure functions.
export {};
