export { MetricsRegistry, Counter, Gauge, Histogram, type Labels } from './metrics-registry';
export { GatewayMetrics, type RequestObservation } from './gateway-metrics';
