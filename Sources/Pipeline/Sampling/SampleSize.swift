import Foundation

/// Attribute (discovery/acceptance) sample size by the binomial method: the smallest n such
/// that, if the population's deviation rate were the tolerable rate, a sample of n would show at
/// most k deviations with probability at most 1 − confidence, where k = ⌈n × expected rate⌉ is
/// the number of deviations the auditor expects and still accepts. With no expected deviations
/// this is n = ⌈ln(1 − confidence) / ln(1 − tolerable rate)⌉ (95 % / 5 % → 59); the convention
/// for k reproduces the AICPA attribute-sampling table (95 % / 5 % / 1 % expected → 93).
public enum SampleSize {
    /// The sample size and the deviations it accepts, or nil when no size up to 1 000 000
    /// reaches the confidence (expected rate not below the tolerable rate).
    public static func attribute(confidence: Double, tolerableRate: Double, expectedRate: Double) -> (
        size: Int, acceptableDeviations: Int
    )? {
        guard confidence > 0, confidence < 1, tolerableRate > 0, tolerableRate < 1, expectedRate >= 0,
            expectedRate < tolerableRate
        else {
            return nil
        }
        let risk = 1 - confidence
        for n in 1...1_000_000 {
            let k = Int((Double(n) * expectedRate - 1e-9).rounded(.up))
            if binomialCDF(k, n, tolerableRate) <= risk + 1e-12 { return (n, max(k, 0)) }
        }
        return nil
    }

    /// P(X ≤ k) for X ~ Binomial(n, p): summed in log space for small k (exact to rounding, and
    /// what the published tables use), else as the regularized incomplete beta function
    /// I₁₋ₚ(n − k, k + 1) — the sum is O(k) per n, and an expected rate just below the tolerable
    /// one (0.049 / 0.05) needs n in the hundreds of thousands.
    static func binomialCDF(_ k: Int, _ n: Int, _ p: Double) -> Double {
        guard k >= 0 else { return 0 }
        guard k < n else { return 1 }
        if k > 200 { return regularizedIncompleteBeta(Double(n - k), Double(k + 1), 1 - p) }
        var total = 0.0
        var logCoefficient = 0.0 // ln C(n, 0)
        for i in 0...k {
            if i > 0 { logCoefficient += log(Double(n - i + 1)) - log(Double(i)) }
            total += exp(logCoefficient + Double(i) * log(p) + Double(n - i) * log1p(-p))
        }
        return min(total, 1)
    }

    /// Iₓ(a, b) by its continued fraction (Lentz), on the side where it converges fast.
    static func regularizedIncompleteBeta(_ a: Double, _ b: Double, _ x: Double) -> Double {
        guard x > 0 else { return 0 }
        guard x < 1 else { return 1 }
        let logFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
        if x < (a + 1) / (a + b + 2) { return exp(logFront) * continuedFraction(a, b, x) / a }
        return 1 - exp(logFront) * continuedFraction(b, a, 1 - x) / b
    }

    private static func continuedFraction(_ a: Double, _ b: Double, _ x: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var result = d
        for m in 1...10_000 {
            let m = Double(m)
            let even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + even * d
            if abs(d) < tiny { d = tiny }
            c = 1 + even / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            result *= d * c
            let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + odd * d
            if abs(d) < tiny { d = tiny }
            c = 1 + odd / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let step = d * c
            result *= step
            if abs(step - 1) < 1e-15 { break }
        }
        return result
    }

    /// How the size was reached, in words, for the sampling record.
    public static func explanation(
        confidence: Double, tolerableRate: Double, expectedRate: Double, size: Int, acceptableDeviations: Int
    ) -> String {
        "attribute sampling, binomial method: smallest n with P(X ≤ \(acceptableDeviations) | n, p = \(tolerableRate)) ≤ \(1 - confidence) "
            + "where \(acceptableDeviations) = ⌈n × \(expectedRate)⌉ expected deviations; n = \(size) "
            + "(confidence \(confidence), tolerable deviation rate \(tolerableRate), expected rate \(expectedRate))"
    }
}
