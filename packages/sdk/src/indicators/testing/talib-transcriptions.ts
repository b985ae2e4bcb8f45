// Test kit: loops transcribed from TA-Lib's C source (ta_func/*.c), in TA-Lib's own variable names
// and order, as independent references for the indicators of the same names. Each returns a
// column of the input's length with NaN before TA-Lib's first output (its lookback).

/** TA_EMA with TA-Lib's default SMA seed (the loop of TA_INT_EMA), first value at `period − 1`. */
export function talibEma(inReal: readonly number[], optInTimePeriod: number): number[] {
  const out = inReal.map(() => Number.NaN);
  const k = 2 / (optInTimePeriod + 1);
  if (inReal.length < optInTimePeriod) return out;
  let today = 0;
  let tempReal = 0;
  for (let i = optInTimePeriod; i-- > 0; ) tempReal += inReal[today++] as number;
  let prevMA = tempReal / optInTimePeriod;
  out[optInTimePeriod - 1] = prevMA;
  while (today < inReal.length) {
    prevMA = ((inReal[today] as number) - prevMA) * k + prevMA;
    out[today++] = prevMA;
  }
  return out;
}

/** TA_EMA applied to the defined tail of a column (TA-Lib chains EMAs over their outputs). */
function emaOfDefined(values: readonly number[], period: number): number[] {
  const start = values.findIndex((v) => !Number.isNaN(v));
  if (start < 0) return values.map(() => Number.NaN);
  return [...values.slice(0, start).map(() => Number.NaN), ...talibEma(values.slice(start), period)];
}

/** TA_TEMA: 3·EMA1 − 3·EMA2 + EMA3, each EMA over the previous one's output. */
export function talibTema(inReal: readonly number[], period: number): number[] {
  const e1 = emaOfDefined(inReal, period);
  const e2 = emaOfDefined(e1, period);
  const e3 = emaOfDefined(e2, period);
  return inReal.map((_, i) => 3 * (e1[i] as number) - 3 * (e2[i] as number) + (e3[i] as number));
}

/** TA_TRIMA as its documented weights: 1, 2, …, peak, …, 2, 1 over `period` values. */
export function talibTrima(inReal: readonly number[], period: number): number[] {
  const weights: number[] = [];
  // Odd: 1, 2, …, (n+1)/2, …, 2, 1; even: 1, 2, …, n/2, n/2, …, 2, 1.
  for (let k = 0; k < period; k++) weights.push(Math.min(k + 1, period - k));
  const total = weights.reduce((a, b) => a + b, 0);
  return inReal.map((_, i) => {
    if (i < period - 1) return Number.NaN;
    let sum = 0;
    for (let k = 0; k < period; k++) sum += (weights[k] as number) * (inReal[i - period + 1 + k] as number);
    return sum / total;
  });
}

/** TA_KAMA's loop (unstable period 0). */
export function talibKama(inReal: readonly number[], optInTimePeriod: number, fast = 2, slow = 30): number[] {
  const out = inReal.map(() => Number.NaN);
  const constMax = 2.0 / (slow + 1.0);
  const constDiff = 2.0 / (fast + 1.0) - constMax;
  if (inReal.length <= optInTimePeriod) return out;
  let sumROC1 = 0.0;
  let today = 0;
  let trailingIdx = today;
  let i = optInTimePeriod;
  while (i-- > 0) {
    let tempReal = inReal[today++] as number;
    tempReal -= inReal[today] as number;
    sumROC1 += Math.abs(tempReal);
  }
  let prevKAMA = inReal[today - 1] as number;
  let tempReal = inReal[today] as number;
  let tempReal2 = inReal[trailingIdx++] as number;
  let periodROC = tempReal - tempReal2;
  let trailingValue = tempReal2;
  tempReal = sumROC1 <= periodROC || sumROC1 === 0 ? 1.0 : Math.abs(periodROC / sumROC1);
  tempReal = tempReal * constDiff + constMax;
  tempReal *= tempReal;
  prevKAMA = ((inReal[today] as number) - prevKAMA) * tempReal + prevKAMA;
  out[today++] = prevKAMA;
  while (today < inReal.length) {
    tempReal = inReal[today] as number;
    tempReal2 = inReal[trailingIdx++] as number;
    periodROC = tempReal - tempReal2;
    sumROC1 -= Math.abs(trailingValue - tempReal2);
    sumROC1 += Math.abs(tempReal - (inReal[today - 1] as number));
    trailingValue = tempReal2;
    tempReal = sumROC1 <= periodROC || sumROC1 === 0 ? 1.0 : Math.abs(periodROC / sumROC1);
    tempReal = tempReal * constDiff + constMax;
    tempReal *= tempReal;
    prevKAMA = ((inReal[today] as number) - prevKAMA) * tempReal + prevKAMA;
    out[today++] = prevKAMA;
  }
  return out;
}

/** TA_T3's loop: six EMAs (k·x + (1−k)·e), each seeded with the mean of its first inputs. */
export function talibT3(inReal: readonly number[], optInTimePeriod: number, optInVFactor: number): number[] {
  const out = inReal.map(() => Number.NaN);
  const lookbackTotal = 6 * (optInTimePeriod - 1);
  if (inReal.length <= lookbackTotal) return out;
  let today = 0;
  const k = 2.0 / (optInTimePeriod + 1.0);
  const oneMinusK = 1.0 - k;
  // Each level's seed is the mean of its first value and the next period − 1 steps.
  const seed = (first: number, next: () => number): number => {
    let tempReal = first;
    for (let i = optInTimePeriod - 1; i > 0; i--) tempReal += next();
    return tempReal / optInTimePeriod;
  };
  let e1 = seed(inReal[today++] as number, () => inReal[today++] as number);
  const step1 = () => {
    e1 = k * (inReal[today++] as number) + oneMinusK * e1;
    return e1;
  };
  let e2 = seed(e1, step1);
  const step2 = () => {
    step1();
    e2 = k * e1 + oneMinusK * e2;
    return e2;
  };
  let e3 = seed(e2, step2);
  const step3 = () => {
    step2();
    e3 = k * e2 + oneMinusK * e3;
    return e3;
  };
  let e4 = seed(e3, step3);
  const step4 = () => {
    step3();
    e4 = k * e3 + oneMinusK * e4;
    return e4;
  };
  let e5 = seed(e4, step4);
  const step5 = () => {
    step4();
    e5 = k * e4 + oneMinusK * e5;
    return e5;
  };
  let e6 = seed(e5, step5);
  const a = optInVFactor;
  const c1 = -(a * a * a);
  const c2 = 3.0 * (a * a - c1);
  const c3 = -6.0 * a * a - 3.0 * (a - c1);
  const c4 = 1.0 + 3.0 * a - c1 + 3.0 * a * a;
  out[today - 1] = c1 * e6 + c2 * e5 + c3 * e4 + c4 * e3;
  while (today < inReal.length) {
    step5();
    e6 = k * e5 + oneMinusK * e6;
    out[today - 1] = c1 * e6 + c2 * e5 + c3 * e4 + c4 * e3;
  }
  return out;
}

/** TA_LINEARREG, _SLOPE, _INTERCEPT and _ANGLE (one loop, four outputs). */
export function talibLinearReg(inReal: readonly number[], optInTimePeriod: number) {
  const value = inReal.map(() => Number.NaN);
  const slope = [...value];
  const intercept = [...value];
  const angle = [...value];
  const SumX = optInTimePeriod * (optInTimePeriod - 1) * 0.5;
  const SumXSqr = (optInTimePeriod * (optInTimePeriod - 1) * (2 * optInTimePeriod - 1)) / 6;
  const Divisor = SumX * SumX - optInTimePeriod * SumXSqr;
  for (let today = optInTimePeriod - 1; today < inReal.length; today++) {
    let SumXY = 0;
    let SumY = 0;
    for (let i = optInTimePeriod; i-- !== 0; ) {
      const tempValue1 = inReal[today - i] as number;
      SumY += tempValue1;
      SumXY += i * tempValue1;
    }
    const m = (optInTimePeriod * SumXY - SumX * SumY) / Divisor;
    const b = (SumY - m * SumX) / optInTimePeriod;
    value[today] = b + m * (optInTimePeriod - 1);
    slope[today] = m;
    intercept[today] = b;
    angle[today] = Math.atan(m) * (180.0 / Math.PI);
  }
  return { value, slope, intercept, angle };
}

/** TA_SAR's loop (startIdx 1), output aligned to the input. */
export function talibSar(
  inHigh: readonly number[],
  inLow: readonly number[],
  optInAcceleration = 0.02,
  optInMaximum = 0.2,
): number[] {
  const out = inHigh.map(() => Number.NaN);
  if (inHigh.length < 2) return out;
  let af = optInAcceleration;
  // TA_MINUS_DM over bars 0..1 with period 1.
  const diffM = (inLow[0] as number) - (inLow[1] as number);
  const diffP = (inHigh[1] as number) - (inHigh[0] as number);
  const minusDM = diffM > 0 && diffP < diffM ? diffM : 0;
  let isLong = minusDM > 0 ? 0 : 1;
  let todayIdx = 1;
  let newHigh = inHigh[todayIdx - 1] as number;
  let newLow = inLow[todayIdx - 1] as number;
  let ep: number;
  let sar: number;
  if (isLong === 1) {
    ep = inHigh[todayIdx] as number;
    sar = newLow;
  } else {
    ep = inLow[todayIdx] as number;
    sar = newHigh;
  }
  newLow = inLow[todayIdx] as number;
  newHigh = inHigh[todayIdx] as number;
  while (todayIdx < inHigh.length) {
    const prevLow = newLow;
    const prevHigh = newHigh;
    newLow = inLow[todayIdx] as number;
    newHigh = inHigh[todayIdx] as number;
    const outIdx = todayIdx;
    todayIdx++;
    if (isLong === 1) {
      if (newLow <= sar) {
        isLong = 0;
        sar = ep;
        if (sar < prevHigh) sar = prevHigh;
        if (sar < newHigh) sar = newHigh;
        out[outIdx] = sar;
        af = optInAcceleration;
        ep = newLow;
        sar = sar + af * (ep - sar);
        if (sar < prevHigh) sar = prevHigh;
        if (sar < newHigh) sar = newHigh;
      } else {
        out[outIdx] = sar;
        if (newHigh > ep) {
          ep = newHigh;
          af += optInAcceleration;
          if (af > optInMaximum) af = optInMaximum;
        }
        sar = sar + af * (ep - sar);
        if (sar > prevLow) sar = prevLow;
        if (sar > newLow) sar = newLow;
      }
    } else if (newHigh >= sar) {
      isLong = 1;
      sar = ep;
      if (sar > prevLow) sar = prevLow;
      if (sar > newLow) sar = newLow;
      out[outIdx] = sar;
      af = optInAcceleration;
      ep = newHigh;
      sar = sar + af * (ep - sar);
      if (sar > prevLow) sar = prevLow;
      if (sar > newLow) sar = newLow;
    } else {
      out[outIdx] = sar;
      if (newLow < ep) {
        ep = newLow;
        af += optInAcceleration;
        if (af > optInMaximum) af = optInMaximum;
      }
      sar = sar + af * (ep - sar);
      if (sar < prevHigh) sar = prevHigh;
      if (sar < newHigh) sar = newHigh;
    }
  }
  return out;
}

/** TA_CMO's loop (TA-Lib ≥ 0.4: Wilder-smoothed gains and losses, as its RSI). */
export function talibCmo(inReal: readonly number[], optInTimePeriod: number): number[] {
  const out = inReal.map(() => Number.NaN);
  if (inReal.length <= optInTimePeriod) return out;
  let today = 0;
  let prevValue = inReal[today] as number;
  let prevGain = 0.0;
  let prevLoss = 0.0;
  today++;
  for (let i = optInTimePeriod; i > 0; i--) {
    const tempValue1 = inReal[today++] as number;
    const tempValue2 = tempValue1 - prevValue;
    prevValue = tempValue1;
    if (tempValue2 < 0) prevLoss -= tempValue2;
    else prevGain += tempValue2;
  }
  prevLoss /= optInTimePeriod;
  prevGain /= optInTimePeriod;
  const emit = (index: number) => {
    const tempValue1 = prevGain + prevLoss;
    out[index] = Math.abs(tempValue1) >= 1e-8 ? 100.0 * ((prevGain - prevLoss) / tempValue1) : 0.0;
  };
  emit(today - 1);
  while (today < inReal.length) {
    const tempValue1 = inReal[today++] as number;
    const tempValue2 = tempValue1 - prevValue;
    prevValue = tempValue1;
    prevLoss *= optInTimePeriod - 1;
    prevGain *= optInTimePeriod - 1;
    if (tempValue2 < 0) prevLoss -= tempValue2;
    else prevGain += tempValue2;
    prevLoss /= optInTimePeriod;
    prevGain /= optInTimePeriod;
    emit(today - 1);
  }
  return out;
}
