export { evalCommand, loadEvalDev } from './eval-command';
