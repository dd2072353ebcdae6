export { startSimulator, type Simulator, type SimulatorOptions, type PushRecord } from './server.js';
export type { Faults } from './faults.js';
export { SimError, COLLECTIONS, type Collection, type FarSideAction, type Population } from './world.js';
