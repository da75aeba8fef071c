// The forecasting facade: the statistical baseline, its methods and the accuracy measures, pure and deterministic.
export {
  BASELINE_METHODS,
  baselineKey,
  demandBaseline,
  precomputedBaselines,
  seasonalAllowed,
  seasonLengthOf,
  type Baseline,
  type BaselineMethod,
  type BaselineOptions,
  type BaselinePoint,
  type BaselineRequest,
  type BaselineSource,
  type CandidateScore,
  type PeriodKind,
} from "./baseline";
export { bias, mae, mase, maseScale, rmse, trackingSignal, trackingSignalAlarm, TRACKING_SIGNAL_LIMIT, wape } from "./accuracy";
export { movingAverageForecast, naiveForecast, seasonalNaiveForecast, type MethodForecast } from "./benchmarks";
export {
  ETS_LOWER,
  ETS_MAX_SEASON,
  ETS_UPPER,
  etsForms,
  etsMethodName,
  fitEtsForm,
  selectEts,
  type EtsFit,
  type EtsForm,
  type EtsParameters,
  type EtsSelection,
  type ErrorKind,
  type SeasonKind,
  type TrendKind,
} from "./ets";
export { etsForecast, type EtsForecast } from "./etsForecast";
export { croston, fitIntermittent, INTERMITTENT_ALPHA, intermittentForecast, isIntermittent, tsb, type IntermittentFit, type IntermittentMethod } from "./intermittent";
export { intervalZ, normalQuantile } from "./normal";
export { nelderMead, type Minimum, type NelderMeadOptions } from "./nelderMead";
