export { runContractTour, type TourOptions } from './run-tour.js';
export type { TourReport, Print } from './report.js';
