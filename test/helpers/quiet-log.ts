// Tests run silent (the composition root would set LOG_LEVEL's level; in-process tests mostly skip it).
import { setLogLevel } from '../../src/core/log.js';

setLogLevel('silent');
