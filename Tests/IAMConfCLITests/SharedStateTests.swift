import Foundation
import IAMConfTestSupport
import Testing

extension EndpointTests {
    /// A state shared by several machines through moto_server's S3 (`--state s3://…`) or PostgreSQL: each "machine"
    /// is a directory of its own with the same configuration.
    @Suite("State shared through S3 and PostgreSQL", .serialized)
    struct SharedState {
        enum Store: String, CaseIterable, CustomTestStringConvertible {
            case s3, postgres
            var testDescription: String { rawValue }
        }

        /// Two or more "machines" (directories) sharing one state in `store`, and a way to look at
        /// the store's objects (`state`, `lock`, `backup`) behind iamconf's back.
        struct Machines {
            let moto: MotoWorkspace
            let store: Store
            /// The `--state` value.
            let state: String
            let environment: [String: String]
            let bucket: String
            let bucketURL: String
            let postgres: PostgresServer?
            let stateName: String

            init(_ store: Store = .s3) async throws {
                moto = try await MotoWorkspace.fresh()
                self.store = store
                bucket = "team-state-\(UInt32.random(in: 0...UInt32.max))"
                bucketURL = "\(moto.server.url.absoluteString)/\(bucket)"
                stateName = "prod-\(UInt32.random(in: 0...UInt32.max))"
                switch store {
                case .s3:
                    try moto.boto(in: "111111111111", "s3.create_bucket(Bucket='\(bucket)')")
                    state = "s3://\(bucket)/iam/prod.json?endpoint_url=\(moto.server.url.absoluteString)"
                    environment = [:]
                    postgres = nil
                case .postgres:
                    let server = try await PostgresServer.shared.value
                    state = "\(server.url)?state=\(stateName)"
                    environment = ["PGPASSWORD": server.password]
                    postgres = server
                }
            }

            /// A machine: a directory with `config/main.yaml`.
            func machine(_ name: String, _ yaml: String, environment extra: [String: String] = [:]) throws -> CLIRunner {
                try moto.temp.write("\(name)/config/main.yaml", yaml)
                return runner(name, environment: extra)
            }

            func runner(_ name: String, environment extra: [String: String] = [:]) -> CLIRunner {
                CLIRunner(directory: moto.temp.url.appendingPathComponent(name), environment: environment.merging(extra) { $1 })
            }

            /// moto routes a request to S3 by its credential scope and checks no signature.
            static let s3Authorization = "Authorization: AWS4-HMAC-SHA256 Credential=a/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=0"

            /// The S3 key of a state object.
            func key(_ object: String) -> String {
                object.contains("/") ? object : object == "state" ? "iam/prod.json" : "iam/prod.json.\(object)"
            }

            /// Whether the object (`state`, `lock`, `backup`) exists in the store.
            func exists(_ object: String) -> Bool {
                switch store {
                case .s3:
                    let code = (try? Self.capture(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", Self.s3Authorization, "\(bucketURL)/\(key(object))"])) ?? ""
                    return code == "200"
                case .postgres:
                    let count = (try? sql("SELECT count(*) FROM iamconf_state_objects WHERE name = '\(stateName)' AND object = '\(object)'")) ?? ""
                    return count.trimmingCharacters(in: .whitespacesAndNewlines) == "1"
                }
            }

            /// The object's bytes as text (empty when absent).
            func object(_ object: String) throws -> String {
                switch store {
                case .s3:
                    return try Self.capture(["curl", "-s", "-H", Self.s3Authorization, "\(bucketURL)/\(key(object))"])
                case .postgres:
                    let hex = try sql("SELECT encode(bytes, 'hex') FROM iamconf_state_objects WHERE name = '\(stateName)' AND object = '\(object)'")
                        .trimmingCharacters(in: .whitespacesAndNewlines)
                    var bytes: [UInt8] = []
                    var index = hex.startIndex
                    while index < hex.endIndex, let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex), let byte = UInt8(hex[index..<next], radix: 16) {
                        bytes.append(byte)
                        index = next
                    }
                    return String(decoding: bytes, as: UTF8.self)
                }
            }

            /// The ID of the lock held now, as `force-unlock --lock-id` takes it.
            func lockID() throws -> String {
                let lock = try object("lock")
                return String(try #require(lock.firstMatch(of: /"id": "([0-9a-f-]{36})"/)?.1, "no lock ID in \(lock)"))
            }

            /// Replaces the stored state with `text`, behind iamconf's back.
            func corrupt(_ text: String) throws {
                switch store {
                case .s3:
                    try moto.boto(in: "111111111111", "s3.put_object(Bucket='\(bucket)', Key='iam/prod.json', Body=\(pythonBytes(text)))")
                case .postgres:
                    let hex = text.utf8.map { String(format: "%02x", $0) }.joined()
                    _ = try sql("""
                        CREATE TABLE IF NOT EXISTS iamconf_state_objects (name text NOT NULL, object text NOT NULL, bytes bytea NOT NULL, version bigint NOT NULL, updated_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (name, object));
                        INSERT INTO iamconf_state_objects (name, object, bytes, version) VALUES ('\(stateName)', 'state', decode('\(hex)', 'hex'), 1)
                        ON CONFLICT (name, object) DO UPDATE SET bytes = EXCLUDED.bytes, version = iamconf_state_objects.version + 1
                        """)
                }
            }

            private func pythonBytes(_ text: String) -> String { "bytes.fromhex('\(text.utf8.map { String(format: "%02x", $0) }.joined())')" }

            func sql(_ query: String) throws -> String {
                guard let postgres else { return "" }
                return try Self.capture(["env", "PGPASSWORD=\(postgres.password)", "psql", postgres.url, "-X", "-q", "-t", "-A", "-c", query])
            }

            static func capture(_ arguments: [String]) throws -> String {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                process.arguments = arguments
                let out = Pipe()
                process.standardOutput = out
                process.standardError = FileHandle.nullDevice
                try process.run()
                let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                process.waitUntilExit()
                return text
            }
        }

        static let small = "accounts:\n  a:\n    id: \"111111111111\"\n    users:\n      alice: {}\n      bob: {}\n"

        @Test("one machine applies, the other plans no changes and lists the same resources", arguments: Store.allCases)
        func twoMachinesShareOneState(store: Store) async throws {
            let machines = try await Machines(store)
            let laptop = try machines.machine("laptop", Self.small)
            let runner = try machines.machine("ci", Self.small)
            let apply = try laptop.run(["apply", "config", "--state", machines.state, "--auto-approve"])
            #expect(apply.status == 0, "\(apply)")
            let plan = try runner.run(["plan", "config", "--state", machines.state, "--detailed-exitcode"])
            #expect(plan.status == 0, "\(plan)")
            let list = try runner.run(["state", "list", "config", "--state", machines.state])
            #expect(list.stdout.contains("a.user.alice") && list.stdout.contains("a.user.bob"), "\(list)")
            #expect(!machines.exists("lock"), "the lock is released after the apply")
            // The first write keeps no backup (there was nothing before); the next keeps serial 1.
            let more = try runner.run(["apply", "config", "--state", machines.state, "--auto-approve"])
            #expect(more.status == 0, "\(more)")
            try machines.moto.temp.write("laptop/config/main.yaml", Self.small + "      carol: {}\n")
            #expect(try laptop.run(["apply", "config", "--state", machines.state, "--auto-approve"]).status == 0)
            #expect(try machines.object("backup").contains("\"serial\": 1"))
        }

        @Test("every state command on a shared state: saved plans and the stale-plan refusal, state show/rm, import, refresh, destroy", arguments: Store.allCases)
        func everyCommand(store: Store) async throws {
            let machines = try await Machines(store)
            let cli = try machines.machine("one", Self.small)
            let state = ["--state", machines.state]
            #expect(try cli.run(["plan", "config", "--out", "first.plan"] + state).status == 0)
            #expect(try cli.run(["plan", "config", "--out", "second.plan"] + state).status == 0)
            let apply = try cli.run(["apply", "first.plan"])
            #expect(apply.status == 0 && apply.stdout.contains("2 added"), "\(apply)")
            let stale = try cli.run(["apply", "second.plan"])
            #expect(stale.status == 1 && stale.stderr.contains("state changed since this plan was made"), "\(stale)")

            let show = try cli.run(["state", "show", "a.user.alice", "--path", "config"] + state)
            #expect(show.status == 0 && show.stdout.contains("arn:aws:iam::111111111111:user/alice"), "\(show)")
            let removed = try cli.run(["state", "rm", "a.user.bob", "config"] + state)
            #expect(removed.status == 0, "\(removed)")
            #expect(try cli.run(["plan", "config", "--detailed-exitcode"] + state).status == 2, "bob is no longer in the state")
            let imported = try cli.run(["import", "a.user.bob", "bob", "config"] + state)
            #expect(imported.status == 0, "\(imported)")
            #expect(try cli.run(["plan", "config", "--detailed-exitcode"] + state).status == 0)
            let refresh = try cli.run(["refresh", "config"] + state)
            #expect(refresh.status == 0, "\(refresh)")
            let destroy = try cli.run(["destroy", "config", "--auto-approve"] + state)
            #expect(destroy.status == 0 && destroy.stdout.contains("Destroy complete!"), "\(destroy)")
            let list = try cli.run(["state", "list", "config"] + state)
            #expect(list.status == 0 && list.stdout.isEmpty, "\(list)")
            #expect(try machines.object("backup").contains("a.user.alice"), "the backup is the state before the last run")
            #expect(!machines.exists("lock"))
        }

        /// An apply by `machine` whose IAM calls pass `proxy`, which holds its first CreateUser: from
        /// then on it holds the lock, however fast or loaded the machine is.
        func heldApply(_ machines: Machines, _ machine: CLIRunner, _ proxy: FaultProxy) throws -> Process {
            proxy.hold(next: "CreateUser")
            let process = try machine.start(
                ["apply", "config", "--state", machines.state, "--auto-approve", "--parallelism", "1", "--backend", "endpoint", "--endpoint-url", proxy.url.absoluteString])
            #expect(proxy.waitUntilHeld(), "the apply reached its first CreateUser")
            return process
        }

        @Test("two applies at once: exactly one gets the lock error naming the holder", arguments: Store.allCases)
        func concurrentApplies(store: Store) async throws {
            let machines = try await Machines(store)
            let first = try machines.machine("one", Self.small, environment: machines.moto.cli.environment)
            let second = try machines.machine("two", Self.small, environment: machines.moto.cli.environment)
            let proxy = try FaultProxy.start(upstream: machines.moto.server.url, rate: 0)
            defer { proxy.stop() }
            let holder = try heldApply(machines, first, proxy)
            let refused = try second.run(["apply", "config", "--state", machines.state, "--auto-approve"] + machines.moto.endpoint)
            proxy.release()
            holder.waitUntilExit()
            #expect(holder.terminationStatus == 0)
            #expect(refused.status == 1, "\(refused)")
            #expect(refused.stderr.contains("is locked by") && refused.stderr.contains("pid \(holder.processIdentifier)"), "\(refused)")
            #expect(refused.stderr.contains(machines.store == .s3 ? "s3://" : "postgres://"), "the error names where the lock is: \(refused)")
            #expect(try first.run(["plan", "config", "--state", machines.state, "--detailed-exitcode"]).status == 0)
        }

        @Test("a holder killed with SIGKILL: its lock is reported, force-unlock frees it, the next apply finishes", arguments: Store.allCases)
        func killedHolder(store: Store) async throws {
            let machines = try await Machines(store)
            let cli = try machines.machine("one", Self.small, environment: machines.moto.cli.environment)
            let proxy = try FaultProxy.start(upstream: machines.moto.server.url, rate: 0)
            let holder = try heldApply(machines, cli, proxy)
            kill(holder.processIdentifier, SIGKILL)
            holder.waitUntilExit()
            proxy.stop()  // the held CreateUser is dropped, never forwarded

            let blocked = try cli.run(["apply", "config", "--state", machines.state, "--auto-approve"] + machines.moto.endpoint)
            #expect(blocked.status == 1, "\(blocked)")
            #expect(blocked.stderr.contains("pid \(holder.processIdentifier)") && blocked.stderr.contains("looks stale"), "\(blocked)")
            let id = try #require(blocked.stderr.firstMatch(of: /--lock-id ([0-9a-f-]{36})/)?.1, "\(blocked)")
            let unlock = try cli.run(["force-unlock", "config", "--state", machines.state, "--lock-id", String(id)])
            #expect(unlock.status == 0 && unlock.stdout.contains("pid \(holder.processIdentifier)"), "\(unlock)")
            #expect(!machines.exists("lock"))
            let finish = try cli.run(["apply", "config", "--state", machines.state, "--auto-approve"] + machines.moto.endpoint)
            #expect(finish.status == 0, "\(finish)")
            #expect(try cli.run(["plan", "config", "--state", machines.state, "--detailed-exitcode", "--refresh"]).status == 0)
        }

        @Test("a writer whose lock was force-unlocked and taken over cannot write the state afterwards", arguments: Store.allCases)
        func brokenLockCannotOverwrite(store: Store) async throws {
            let machines = try await Machines(store)
            let slow = try machines.machine("slow", Self.small, environment: machines.moto.cli.environment)
            let other = try machines.machine("other", Self.small, environment: machines.moto.cli.environment)
            // Held at its first CreateUser, the slow run holds the lock, has read the state and written nothing.
            let proxy = try FaultProxy.start(upstream: machines.moto.server.url, rate: 0)
            defer { proxy.stop() }
            let first = try heldApply(machines, slow, proxy)
            let id = try machines.lockID()
            let unlock = try other.run(["force-unlock", "config", "--state", machines.state, "--lock-id", id])
            #expect(unlock.status == 0, "\(unlock)")
            let taken = try other.run(["apply", "config", "--state", machines.state, "--auto-approve"] + machines.moto.endpoint)
            #expect(taken.status == 0, "\(taken)")
            let written = try machines.object("state")
            proxy.release()
            first.waitUntilExit()
            let output = try String(contentsOf: machines.moto.temp.url.appendingPathComponent("slow/started.stderr"), encoding: .utf8)
            #expect(first.terminationStatus == 1, "\(output)")
            #expect(output.contains("not writing the state"), "\(output)")
            #expect(try machines.object("state") == written, "the newer state is untouched")
            #expect(!machines.exists("intent"), "the slow run wrote no intent journal over the other's")
            #expect(try other.run(["plan", "config", "--state", machines.state, "--detailed-exitcode", "--refresh"]).status == 0)
        }

        @Test("S3: a state write that passed the lock check but lost the race is refused by If-None-Match/If-Match")
        func compareAndSwapRefusesALateWrite() async throws {
            let machines = try await Machines(.s3)
            let slow = try machines.machine("slow", Self.small)
            let other = try machines.machine("other", Self.small)
            // The slow machine reaches its store through a proxy that holds its first write of the state
            // object: it has checked that the lock is its own and sent the conditional write.
            let proxy = try FaultProxy.start(upstream: machines.moto.server.url, rate: 0)
            defer { proxy.stop() }
            proxy.hold(next: "PUT /\(machines.bucket)/iam/prod.json")
            let throughProxy = "s3://\(machines.bucket)/iam/prod.json?endpoint_url=\(proxy.url.absoluteString)"
            let first = try slow.start(["apply", "config", "--state", throughProxy, "--auto-approve"])
            #expect(proxy.waitUntilHeld(), "the slow apply reached its state write")
            let id = try machines.lockID()
            #expect(try other.run(["force-unlock", "config", "--state", machines.state, "--lock-id", id]).status == 0)
            let taken = try other.run(["apply", "config", "--state", machines.state, "--auto-approve"])
            #expect(taken.status == 0, "\(taken)")
            let written = try machines.object("state")
            proxy.release()
            first.waitUntilExit()
            let output = try String(contentsOf: machines.moto.temp.url.appendingPathComponent("slow/started.stderr"), encoding: .utf8)
            #expect(first.terminationStatus == 1, "\(output)")
            #expect(output.contains("not overwriting the newer state"), "\(output)")
            #expect(try machines.object("state") == written, "the newer state is untouched")
            #expect(try other.run(["plan", "config", "--state", machines.state, "--detailed-exitcode"]).status == 0)
        }

        @Test("the configuration's state: block puts the state in S3 for every command; --state overrides it; a broken block stops with file:line")
        func configuredState() async throws {
            let machines = try await Machines()
            let bucket = String(machines.bucketURL.split(separator: "/").last!)
            let block = "state:\n  s3: {bucket: \(bucket), key: team/iam.json, endpoint_url: \"\(machines.moto.server.url.absoluteString)\"}\n"
            let cli = try machines.machine("one", Self.small)
            try machines.moto.temp.write("one/config/state.yaml", block)
            let apply = try cli.run(["apply", "config", "--auto-approve"])
            #expect(apply.status == 0, "\(apply)")
            #expect(machines.exists("team/iam.json"))
            #expect(!FileManager.default.fileExists(atPath: machines.moto.temp.url.appendingPathComponent("one/config/iamconf.state.json").path))
            let other = try machines.machine("two", Self.small)
            try machines.moto.temp.write("two/config/state.yaml", block)
            #expect(try other.run(["plan", "config", "--detailed-exitcode"]).status == 0)
            #expect(try other.run(["state", "list", "config"]).stdout.contains("a.user.alice"))
            // A flag wins over the block: a fresh local state plans everything.
            let local = try other.run(["plan", "config", "--state", "local.json", "--detailed-exitcode"])
            #expect(local.status == 2, "\(local)")

            try machines.moto.temp.write("two/config/state.yaml", "state:\n  s3: {bucket: \(bucket)}\n")
            let broken = try other.run(["plan", "config"])
            #expect(broken.status == 1 && broken.stderr.contains("state.yaml:2:") && broken.stderr.contains("needs a 'key'"), "\(broken)")
        }

        @Test("encrypt: the store holds no plaintext secret; without the key or with another, commands stop clearly", arguments: Store.allCases)
        func encryptedState(store: Store) async throws {
            let machines = try await Machines(store)
            let key = Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
            let config = "accounts:\n  a:\n    id: \"111111111111\"\n    users:\n      alice: {access_keys: 1, login_profile: {}}\n"
            _ = try machines.machine("one", config)
            let encrypted = machines.state + "&encrypt=true"
            let withKey = machines.runner("one", environment: ["IAMCONF_STATE_KEY": key])
            let apply = try withKey.run(["apply", "config", "--state", encrypted, "--auto-approve"])
            #expect(apply.status == 0, "\(apply)")
            let stored = try machines.object("state")
            #expect(stored.hasPrefix("IAMCONF-AES256GCM-1\n"))
            #expect(!stored.contains("secret_access_key") && !stored.contains("alice") && !stored.contains("password"))
            let secret = try withKey.run(["output", "a.user.alice.access_key[1]", "secret_access_key", "config", "--state", encrypted, "--show-secrets", "--raw"])
                .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(secret.count >= 30 && !stored.contains(secret), "\(secret)")
            #expect(try withKey.run(["plan", "config", "--state", encrypted, "--detailed-exitcode"]).status == 0)

            let withoutKey = machines.runner("one", environment: ["IAMCONF_STATE_KEY": ""])
            let missing = try withoutKey.run(["plan", "config", "--state", encrypted])
            #expect(missing.status == 1 && missing.stderr.contains("IAMCONF_STATE_KEY is not set"), "\(missing)")
            let otherKey = Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
            let wrong = machines.runner("one", environment: ["IAMCONF_STATE_KEY": otherKey])
            let refused = try wrong.run(["apply", "config", "--state", encrypted, "--auto-approve"])
            #expect(refused.status == 1 && refused.stderr.contains("cannot decrypt"), "\(refused)")
            #expect(try machines.object("state") == stored, "nothing was written")
        }

        @Test("state migrate: local to S3 and back is byte-identical; another lineage at the destination is refused")
        func migrateThereAndBack() async throws {
            let machines = try await Machines()
            let cli = try machines.machine("one", Self.small)
            #expect(try cli.run(["apply", "config", "--auto-approve"]).status == 0)
            let local = machines.moto.temp.url.appendingPathComponent("one/config/iamconf.state.json")
            let original = try Data(contentsOf: local)

            let there = try cli.run(["state", "migrate", "config", "--to", machines.state])
            #expect(there.status == 0 && there.stdout.contains("Migrated the state (serial 1, 2 resources"), "\(there)")
            #expect(try machines.object("state") == String(decoding: original, as: UTF8.self))
            // The migrated state is the one plans read now.
            #expect(try cli.run(["plan", "config", "--state", machines.state, "--detailed-exitcode"]).status == 0)

            let back = machines.moto.temp.url.appendingPathComponent("one/back.json").path
            let returned = try cli.run(["state", "migrate", "config", "--state", machines.state, "--to", back])
            #expect(returned.status == 0, "\(returned)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: back)) == original, "there and back is byte-identical")
            #expect(!machines.exists("lock"))

            // Another configuration's state is never overwritten by a migration.
            let stranger = try machines.machine("two", Self.small)
            #expect(try stranger.run(["apply", "config", "--auto-approve"]).status == 0)
            let refused = try stranger.run(["state", "migrate", "config", "--to", machines.state])
            #expect(refused.status == 1 && refused.stderr.contains("another lineage"), "\(refused)")
            #expect(try machines.object("state") == String(decoding: original, as: UTF8.self))
        }

        @Test("PostgreSQL: a wrong password, a missing database, an unreachable server, a password in the URL and a corrupt row: clear errors, nothing written")
        func badPostgresStores() async throws {
            let machines = try await Machines(.postgres)
            let cli = try machines.machine("one", Self.small)
            let server = machines.postgres!
            let wrongPassword = try machines.runner("one", environment: ["PGPASSWORD": "not-it"]).run(["plan", "config", "--state", machines.state])
            #expect(wrongPassword.status == 1 && wrongPassword.stderr.contains("refused the credentials"), "\(wrongPassword)")
            let base = server.url.replacingOccurrences(of: "/postgres", with: "/no_such_db")
            let missing = try cli.run(["plan", "config", "--state", "\(base)?state=x"])
            #expect(missing.status == 1 && missing.stderr.contains("does not exist"), "\(missing)")
            let unreachable = try cli.run(["apply", "config", "--state", "postgres://iamconf@127.0.0.1:9/postgres?state=x", "--auto-approve"])
            #expect(unreachable.status == 1 && unreachable.stderr.contains("cannot reach PostgreSQL"), "\(unreachable)")
            let secret = try cli.run(["plan", "config", "--state", "postgres://iamconf:hunter2@127.0.0.1/postgres?state=x"])
            #expect(secret.status == 1 && secret.stderr.contains("PGPASSWORD") && !secret.stdout.contains("hunter2"), "\(secret)")
            let unnamed = try cli.run(["plan", "config", "--state", server.url])
            #expect(unnamed.status == 1 && unnamed.stderr.contains("?state=NAME"), "\(unnamed)")

            try machines.corrupt("{\"version\": 4, \"serial\": ")
            let corrupt = try cli.run(["apply", "config", "--state", machines.state, "--auto-approve"])
            #expect(corrupt.status == 1 && corrupt.stderr.contains("postgres://") && corrupt.stderr.contains("ends early"), "\(corrupt)")
            #expect(try machines.object("state") == "{\"version\": 4, \"serial\": ", "the corrupt row is left as it was")
            #expect(!machines.exists("lock"), "the failed apply released its lock")
        }

        @Test("state migrate: local to S3 to PostgreSQL and back is byte-identical")
        func migrateAcrossEveryStore() async throws {
            // PostgreSQL's first: each Machines resets moto, which would empty the S3 one's bucket.
            let postgres = try await Machines(.postgres)
            let s3 = try await Machines(.s3)
            let cli = try s3.machine("one", Self.small, environment: postgres.environment)
            #expect(try cli.run(["apply", "config", "--auto-approve"]).status == 0)
            let local = s3.moto.temp.url.appendingPathComponent("one/config/iamconf.state.json")
            let original = try Data(contentsOf: local)
            #expect(try cli.run(["state", "migrate", "config", "--to", s3.state]).status == 0)
            let toPostgres = try cli.run(["state", "migrate", "config", "--state", s3.state, "--to", postgres.state])
            #expect(toPostgres.status == 0, "\(toPostgres)")
            #expect(try postgres.object("state") == String(decoding: original, as: UTF8.self))
            #expect(try cli.run(["plan", "config", "--state", postgres.state, "--detailed-exitcode"]).status == 0)
            let back = s3.moto.temp.url.appendingPathComponent("one/back.json").path
            #expect(try cli.run(["state", "migrate", "config", "--state", postgres.state, "--to", back]).status == 0)
            #expect(try Data(contentsOf: URL(fileURLWithPath: back)) == original)
            #expect(!postgres.exists("lock") && !s3.exists("lock"))
        }

        @Test("a missing bucket, an unreachable store and a corrupt object: clear errors, nothing written")
        func badStores() async throws {
            let machines = try await Machines()
            let cli = try machines.machine("one", Self.small)
            let url = machines.moto.server.url.absoluteString
            let missing = try cli.run(["plan", "config", "--state", "s3://no-such-bucket/s.json?endpoint_url=\(url)"])
            #expect(missing.status == 1 && missing.stderr.contains("the bucket 'no-such-bucket' does not exist"), "\(missing)")
            let unreachable = try cli.run(["apply", "config", "--state", "s3://b/s.json?endpoint_url=http://127.0.0.1:9", "--auto-approve"])
            #expect(unreachable.status == 1 && unreachable.stderr.contains("cannot reach the state store"), "\(unreachable)")
            #expect(!unreachable.stdout.contains("Apply complete"))

            try machines.corrupt("{\"version\": 4, \"serial\": ")
            let corrupt = try cli.run(["apply", "config", "--state", machines.state, "--auto-approve"])
            #expect(corrupt.status == 1 && corrupt.stderr.contains("s3://") && corrupt.stderr.contains("state-"), "\(corrupt)")
            #expect(try machines.object("state") == "{\"version\": 4, \"serial\": ", "the corrupt object is left as it was")
            #expect(!machines.exists("lock"), "the failed apply released its lock")
        }
    }
}
