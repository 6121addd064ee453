import Foundation

extension ChildProcess {
    /// Signals the child starts with at their default action, whatever this process does with them.
    private static let defaulted: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGCHLD, SIGUSR1, SIGUSR2]

    /// posix_spawn with `fds` (source, target) dup'ed into place and every other fd closed.
    /// `.detached`: a new session; `.foreground`: this process's group; otherwise a new process
    /// group led by the child.
    static func spawn(
        argv: [String], environment: [String], directory: String?, fds: [(Int32, Int32)], lifetime: Lifetime
    ) throws -> pid_t {
        #if canImport(Darwin)
            var attributes: posix_spawnattr_t? = nil
            var actions: posix_spawn_file_actions_t? = nil
        #else
            var attributes = posix_spawnattr_t()
            var actions = posix_spawn_file_actions_t()
        #endif
        posix_spawnattr_init(&attributes)
        posix_spawn_file_actions_init(&actions)
        defer {
            posix_spawnattr_destroy(&attributes)
            posix_spawn_file_actions_destroy(&actions)
        }

        var flags = Int32(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        #if canImport(Darwin)
            flags |= Int32(POSIX_SPAWN_CLOEXEC_DEFAULT)
        #endif
        switch lifetime {
        case .detached: flags |= spawnSetSID
        case .tiedToParent:
            flags |= Int32(POSIX_SPAWN_SETPGROUP)
            posix_spawnattr_setpgroup(&attributes, 0)
        case .foreground: break
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in defaulted { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)

        // A source may sit on a target number another source still needs: move every source
        // above the targets first, then into place.
        let high = fds.map(\.1).max().map { $0 + 1 } ?? 3
        var staged: [(Int32, Int32)] = []
        for (index, (source, target)) in fds.enumerated() {
            let temporary = high + Int32(index)
            posix_spawn_file_actions_adddup2(&actions, source, temporary)
            staged.append((temporary, target))
        }
        for (temporary, target) in staged { posix_spawn_file_actions_adddup2(&actions, temporary, target) }
        #if canImport(Darwin)
            for (temporary, _) in staged { posix_spawn_file_actions_addclose(&actions, temporary) }
        #else
            // Every other fd: descriptors opened without close-on-exec must not leak into children.
            guard let closeFrom = GNUSpawn.addCloseFrom else {
                throw ChildProcessError(
                    "posix_spawn_file_actions_addclosefrom_np is missing (glibc 2.34 or newer is needed)")
            }
            _ = closeFrom(&actions, high)
        #endif
        if let directory {
            #if canImport(Darwin)
                posix_spawn_file_actions_addchdir_np(&actions, directory)
            #else
                guard let addChdir = GNUSpawn.addChdir else {
                    throw ChildProcessError(
                        "posix_spawn_file_actions_addchdir_np is missing (glibc 2.29 or newer is needed)")
                }
                _ = addChdir(&actions, directory)
            #endif
        }

        var pid: pid_t = 0
        let result = withCStrings(argv) { argvPointers in
            withCStrings(environment) { envPointers in
                posix_spawn(&pid, argv[0], &actions, &attributes, argvPointers, envPointers)
            }
        }
        guard result == 0 else {
            throw ChildProcessError("cannot start `\(argv[0])`: \(String(cString: strerror(result)))")
        }
        return pid
    }

    #if canImport(Darwin)
        private static let spawnSetSID = Int32(POSIX_SPAWN_SETSID)
    #else
        /// glibc's value; Swift's Glibc module does not see the GNU extensions (_GNU_SOURCE).
        private static let spawnSetSID: Int32 = 0x80
    #endif

    /// A NULL-terminated C array of the strings, valid inside `body`.
    private static func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { for pointer in pointers { free(pointer) } }
        return body(pointers)
    }
}

#if !canImport(Darwin)
    /// glibc's GNU extensions for posix_spawn and pipes, which Swift's Glibc module does not
    /// declare (they need _GNU_SOURCE); looked up once in the C library itself.
    enum GNUSpawn {
        typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        typealias AddChdir =
            @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
        typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32

        static let addCloseFrom: AddCloseFrom? = symbol("posix_spawn_file_actions_addclosefrom_np")
        static let addChdir: AddChdir? = symbol("posix_spawn_file_actions_addchdir_np")
        static let pipe2: Pipe2? = symbol("pipe2")

        private static func symbol<T>(_ name: String) -> T? {
            guard let address = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
            return unsafeBitCast(address, to: T.self)
        }
    }
#endif
