import ArgumentParser
import AuditCore
import EvidenceBundle
import Foundation
import Pipeline

/// `trustaudit sample`: draws a reproducible random sample from a population in one pass.
struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Draw a reproducible random sample of items (reservoir sampling, seeded) for an audit.",
        discussion:
            "POPULATION is read like `check` inputs (files, directories, PEM bundles, base64 lines, -). The same seed and population give the same sample on any machine. The sample file is an input of `check`, which records the sampling in the bundle manifest."
    )

    @Option(name: .long, help: "Sample size.")
    var size: Int?

    @Option(name: .long, help: "Confidence level for the binomial (attribute sampling) size, e.g. 0.95.")
    var confidence: Double?

    @Option(name: .long, help: "Tolerable deviation rate, e.g. 0.05.")
    var tolerableRate: Double?

    @Option(name: .long, help: "Expected deviation rate (default 0).")
    var expectedRate: Double = 0

    @Option(name: .long, help: "Seed of the PRNG (any text; record it in the working papers).")
    var seed: String

    @Option(name: .long, help: "Write the sample (JSON Lines) here instead of stdout.")
    var out: String?

    @Flag(name: .long, help: "Do not print the summary on stderr.")
    var quiet = false

    @Argument(help: "Population: files, directories, or - for stdin.")
    var population: [String]

    func validate() throws {
        guard !population.isEmpty else { throw ValidationError("give the population (files, directories or -)") }
        switch (size, confidence, tolerableRate) {
        case (let size?, nil, nil): guard size > 0 else { throw ValidationError("--size must be positive") }
        case (nil, let confidence?, let tolerable?):
            guard
                SampleSize.attribute(confidence: confidence, tolerableRate: tolerable, expectedRate: expectedRate)
                    != nil
            else {
                throw ValidationError(
                    "no sample size reaches confidence \(confidence) with tolerable rate \(tolerable) and expected rate \(expectedRate) (the expected rate must be below the tolerable rate; rates and confidence between 0 and 1)"
                )
            }
        default: throw ValidationError("give either --size N or --confidence C --tolerable-rate T [--expected-rate E]")
        }
    }

    func run() throws {
        let sizeMethod: String
        let count: Int
        var acceptable: Int?
        if let size {
            count = size
            sizeMethod = "given by the auditor (--size \(size))"
        } else {
            let (confidence, tolerable) = (confidence!, tolerableRate!)
            let computed = SampleSize.attribute(
                confidence: confidence, tolerableRate: tolerable, expectedRate: expectedRate)!
            count = computed.size
            acceptable = computed.acceptableDeviations
            sizeMethod = SampleSize.explanation(
                confidence: confidence, tolerableRate: tolerable, expectedRate: expectedRate, size: computed.size,
                acceptableDeviations: computed.acceptableDeviations)
        }
        let sampler = ReservoirSampler(size: count, seed: seed)
        let reader = InputReader(paths: population)
        while let item = reader.next() { sampler.offer(source: item.source, bytes: item.bytes) }
        let (sample, populationSHA256) = sampler.finish()
        let record = SamplingRecord(
            method:
                "reservoir sampling (Vitter's Algorithm R) in one pass in input order; PRNG SplitMix64 seeded with the first 8 bytes of SHA-256(seed); uniform draws by rejection",
            sizeMethod: sizeMethod, seed: seed, populationCount: sampler.count, populationSHA256: populationSHA256,
            sampleSize: sample.count, confidence: size == nil ? confidence : nil,
            tolerableRate: size == nil ? tolerableRate : nil,
            expectedRate: size == nil ? expectedRate : nil, acceptableDeviations: acceptable, population: population)
        let output: BufferedOutput
        do {
            output = try out.map { try BufferedOutput(path: $0) } ?? BufferedOutput(handle: .standardOutput)
        } catch {
            throw ValidationError("cannot write --out \(out ?? ""): \(error.localizedDescription)")
        }
        try output.write(SampleFile.header(record))
        for item in sample {
            try output.write(
                SampleFile.line(
                    populationIndex: item.populationIndex, source: item.source, sha256: item.sha256, bytes: item.bytes))
        }
        try output.finish()
        if !quiet {
            var text =
                "trustaudit: sampled \(sample.count) of \(sampler.count) item(s), seed \(seed); population SHA-256 \(populationSHA256)\n"
            text += "  size: \(sizeMethod)\n"
            if sample.count < count {
                text += "  the population is smaller than the sample size: every item is in the sample\n"
            }
            FileHandle.standardError.write(Data(text.utf8))
        }
    }
}
