/// How a sample was drawn (`trustaudit sample`): enough for a reviewer to draw it again and get
/// the same items.
public struct SamplingRecord: Sendable, Hashable, Codable {
    /// The selection method and PRNG, in words.
    public var method: String
    /// How the sample size was determined, in words (given, or the binomial computation).
    public var sizeMethod: String
    public var seed: String
    public var populationCount: Int
    /// SHA-256 over the SHA-256 digests of the population's items, in input order.
    public var populationSHA256: String
    public var sampleSize: Int
    public var confidence: Double?
    public var tolerableRate: Double?
    public var expectedRate: Double?
    /// Deviations the sample may contain while still supporting the conclusion.
    public var acceptableDeviations: Int?
    /// The population's inputs as given.
    public var population: [String]

    public init(
        method: String, sizeMethod: String, seed: String, populationCount: Int, populationSHA256: String,
        sampleSize: Int,
        confidence: Double?, tolerableRate: Double?, expectedRate: Double?, acceptableDeviations: Int?,
        population: [String]
    ) {
        self.method = method
        self.sizeMethod = sizeMethod
        self.seed = seed
        self.populationCount = populationCount
        self.populationSHA256 = populationSHA256
        self.sampleSize = sampleSize
        self.confidence = confidence
        self.tolerableRate = tolerableRate
        self.expectedRate = expectedRate
        self.acceptableDeviations = acceptableDeviations
        self.population = population
    }
}
