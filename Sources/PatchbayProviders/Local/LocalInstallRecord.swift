import Foundation

/// The install marker (`installed.json`), written only after a verified install.
struct LocalInstallRecord: Codable, Sendable, Equatable {
    var modelPath: String
    var packages: [String]
    var installedAt: Date

    /// The record, when the install it describes is complete and matches today's pins: the
    /// venv's Python and the model file are still there. Otherwise nil (install again).
    static func current(_ paths: LocalModelPaths) -> LocalInstallRecord? {
        guard let data = try? Data(contentsOf: paths.installMarker),
            let record = try? decoder.decode(LocalInstallRecord.self, from: data),
            record.packages == LocalInstaller.packages,
            FileManager.default.isExecutableFile(atPath: paths.python.path),
            FileManager.default.fileExists(atPath: record.modelPath)
        else { return nil }
        return record
    }

    func write(to file: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        try encoder.encode(self).write(to: file, options: .atomic)
    }

    private static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
