import { packageProject } from '../../vitest.shared.mts';

export default packageProject('upstream-sim');
