/** Injection tokens for values that are not classes. */
export const CONFIG = Symbol('Config');
export const GATEWAY_OPTIONS = Symbol('GatewayOptions');
