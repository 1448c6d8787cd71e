export { type Clock, systemClock, ManualClock } from './clock';
