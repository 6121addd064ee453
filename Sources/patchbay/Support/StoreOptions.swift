import ArgumentParser

/// `--project DIR`, shared by the history commands.
struct StoreOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The project whose history to use (default: the graph's project, else the current folder's).",
            valueName: "dir"))
    var project: String?
}
