import Foundation

/// The project a graph belongs to: the nearest folder above it holding `patchbay.toml`,
/// `.patchbay/` or `.git`, else the graph's own folder. `read-file`/`write-file` stay inside it.
public enum ProjectFolder {
    public static func containing(_ graphPath: String) -> URL {
        let start = URL(fileURLWithPath: graphPath).standardizedFileURL.deletingLastPathComponent()
        var folder = start
        while true {
            for marker in ["patchbay.toml", ".patchbay", ".git"]
            where FileManager.default.fileExists(atPath: folder.appendingPathComponent(marker).path) {
                return folder
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return start }
            folder = parent
        }
    }
}
