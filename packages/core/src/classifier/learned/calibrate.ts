/**
 * Temperature scaling (Guo et al., 2017): one scalar T that divides the logits so that held-out
 * negative log-likelihood is lowest. It changes confidences, never the ranking, so accuracy is
 * untouched while "0.8" comes to mean "right about 80 % of the time". A grid search over
 * 0.25–8 (log-spaced) is exact enough for one parameter and deterministic.
 *
 * @param logits one row of `width` logits per example
 * @param labels the right index per example (−1 rows are skipped)
 */
export function fitTemperature(logits: Float64Array, width: number, labels: Int32Array, weights?: Float64Array): { temperature: number; nll: number } {
  let best = { temperature: 1, nll: negativeLogLikelihood(logits, width, labels, 1, weights) };
  for (let step = 0; step <= 60; step += 1) {
    const temperature = Math.exp(Math.log(0.25) + (step / 60) * (Math.log(8) - Math.log(0.25)));
    const nll = negativeLogLikelihood(logits, width, labels, temperature, weights);
    if (nll < best.nll - 1e-12) best = { temperature, nll };
  }
  return { temperature: Math.round(best.temperature * 1e4) / 1e4, nll: best.nll };
}

/** Mean weighted −log p(label) of the rows at a temperature. */
export function negativeLogLikelihood(logits: Float64Array, width: number, labels: Int32Array, temperature: number, weights?: Float64Array): number {
  let total = 0;
  let mass = 0;
  for (let row = 0; row < labels.length; row += 1) {
    const label = labels[row] as number;
    if (label < 0) continue;
    const offset = row * width;
    let max = -Infinity;
    for (let column = 0; column < width; column += 1) max = Math.max(max, (logits[offset + column] as number) / temperature);
    let sum = 0;
    for (let column = 0; column < width; column += 1) sum += Math.exp((logits[offset + column] as number) / temperature - max);
    const weight = weights ? (weights[row] as number) : 1;
    total += weight * (Math.log(sum) + max - (logits[offset + label] as number) / temperature);
    mass += weight;
  }
  return mass === 0 ? 0 : total / mass;
}
