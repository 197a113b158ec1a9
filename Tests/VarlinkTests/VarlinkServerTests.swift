import Foundation
import Testing
import Varlink
#if canImport(Glibc)
import Glibc
#endif

// Serialized: the raw test sockets block in recv on the cooperative pool (2 cores here), which would starve the server of threads.
@Suite("Varlink server over a real Unix socket", .serialized)
struct VarlinkServerTests {
    typealias T = TestInterfaceHandler

    @Test func roundTripThroughTheClient() async throws {
        let server = try RunningServer.start()
        let client = try await VarlinkClient.connect(path: server.path)
        let sent = T.EchoParameters(item: .init(name: "widget", count: 3, tags: ["a"], extra: ["w": 1.5]), colour: "green", note: nil)
        let echoed = try await client.call("org.example.test.Echo", parameters: sent, returning: T.EchoParameters.self)
        #expect(echoed == sent)
        await client.close()
        await server.stop()
    }

    @Test func getInfoListsAllInterfaces() async throws {
        let server = try RunningServer.start()
        let client = try await VarlinkClient.connect(path: server.path)
        let info = try await client.call("org.varlink.service.GetInfo", parameters: VarlinkEmpty(), returning: JSONValue.self)
        #expect(info == .object(["vendor": .string("Example"), "product": .string("Tester"), "version": .string("1.0"),
                                 "url": .string("https://example.org"),
                                 "interfaces": .array([.string("org.example.test"), .string("org.varlink.service")])]))
        await server.stop()
    }

    @Test func getInterfaceDescriptionReturnsTheIDLVerbatim() async throws {
        let server = try RunningServer.start()
        let client = try await VarlinkClient.connect(path: server.path)
        struct Request: Codable, Sendable { var interface: String }
        struct Reply: Codable, Sendable { var description: String }
        let reply = try await client.call("org.varlink.service.GetInterfaceDescription", parameters: Request(interface: "org.example.test"), returning: Reply.self)
        #expect(reply.description == T.idl)
        let own = try await client.call("org.varlink.service.GetInterfaceDescription", parameters: Request(interface: "org.varlink.service"), returning: Reply.self)
        #expect(own.description.contains("interface org.varlink.service"))
        await #expect(throws: VarlinkError.interfaceNotFound("org.nope")) {
            _ = try await client.call("org.varlink.service.GetInterfaceDescription", parameters: Request(interface: "org.nope"), returning: Reply.self)
        }
        await server.stop()
    }

    @Test func moreStreamsThreeRepliesThenEnds() async throws {
        let server = try RunningServer.start()
        let client = try await VarlinkClient.connect(path: server.path)
        var values: [Int] = []
        for try await reply in client.callMore("org.example.test.Count", parameters: ["limit": 4], returning: T.CountReply.self) {
            values.append(reply.value)
        }
        #expect(values == [1, 2, 3, 4])
        // Raw check: exactly three replies carry continues:true, the last does not.
        let raw = try RawSocket(path: server.path)
        raw.write(#"{"method":"org.example.test.Count","parameters":{"limit":4},"more":true}"#)
        var continues: [Bool] = []
        for _ in 0..<4 { continues.append(raw.readMessage()?["continues"] as? Bool ?? false) }
        #expect(continues == [true, true, true, false])
        // Without more the method reports ExpectedMore.
        await #expect(throws: VarlinkError.expectedMore) {
            _ = try await client.call("org.example.test.Count", parameters: ["limit": 2], returning: T.CountReply.self)
        }
        await server.stop()
    }

    @Test func onewayGetsNoReplyAndTheNextCallIsAnswered() async throws {
        let server = try RunningServer.start()
        let raw = try RawSocket(path: server.path)
        raw.write(#"{"method":"org.example.test.Record","parameters":{"text":"hello"},"oneway":true}"#)
        raw.write(#"{"method":"org.example.test.Recorded"}"#)
        let reply = try #require(raw.readMessage())
        let parameters = try #require(reply["parameters"] as? [String: Any])
        #expect(parameters["texts"] as? [String] == ["hello"])
        await server.stop()
    }

    @Test func messageSplitByteByByteIsReassembled() async throws {
        let server = try RunningServer.start()
        let raw = try RawSocket(path: server.path)
        for byte in Array(#"{"method":"org.example.test.Recorded"}"#.utf8) + [0] {
            raw.write([byte])
            usleep(200)
        }
        #expect(raw.readMessage()?["parameters"] != nil)
        await server.stop()
    }

    @Test func severalCallsInOneWriteAreAnsweredInOrder() async throws {
        let server = try RunningServer.start()
        let raw = try RawSocket(path: server.path)
        var bytes: [UInt8] = []
        // The slow first call must still be answered first: replies follow call order on a connection.
        bytes += Array(#"{"method":"org.example.test.Slow","parameters":{"milliseconds":200}}"#.utf8) + [0]
        for i in 1...3 {
            bytes += Array(#"{"method":"org.example.test.Count","parameters":{"limit":\#(i)},"more":false}"#.utf8) + [0]
        }
        raw.write(bytes)
        #expect(raw.readMessage()?["parameters"] as? [String: Any] != nil)
        for _ in 1...3 {
            #expect(raw.readMessage()?["error"] as? String == "org.varlink.service.ExpectedMore")
        }
        await server.stop()
    }

    @Test func oversizeMessageWithoutNULGetsErrorAndClose() async throws {
        var limits = VarlinkServer.Limits()
        limits.maxMessageBytes = 1 << 20
        let server = try RunningServer.start(limits: limits)
        let raw = try RawSocket(path: server.path)
        let junk = [UInt8](repeating: UInt8(ascii: "a"), count: 2 << 20)
        raw.write(junk) // may fail part-way once the server closes; that is fine
        let reply = raw.readMessage()
        #expect(reply?["error"] as? String == "org.varlink.service.ProtocolError")
        #expect(raw.isClosedByPeer())
        let client = try await VarlinkClient.connect(path: server.path)
        _ = try await client.call("org.varlink.service.GetInfo", parameters: VarlinkEmpty(), returning: JSONValue.self)
        await server.stop()
    }

    @Test(arguments: [
        Array("{not json".utf8),
        [0xFF, 0xFE, 0x7B, 0x7D],
        Array("[1,2,3]".utf8),
        Array(repeating: UInt8(ascii: "["), count: 100_000),
    ])
    func malformedMessageGetsErrorAndClose(bytes: [UInt8]) async throws {
        let server = try RunningServer.start()
        let raw = try RawSocket(path: server.path)
        raw.write(bytes + [0])
        #expect(raw.readMessage()?["error"] as? String == "org.varlink.service.ProtocolError")
        #expect(raw.isClosedByPeer())
        let client = try await VarlinkClient.connect(path: server.path)
        _ = try await client.call("org.varlink.service.GetInfo", parameters: VarlinkEmpty(), returning: JSONValue.self)
        await server.stop()
    }

    @Test func unknownInterfaceAndMethod() async throws {
        let server = try RunningServer.start()
        let client = try await VarlinkClient.connect(path: server.path)
        await #expect(throws: VarlinkError.interfaceNotFound("org.nope")) {
            _ = try await client.call("org.nope.Foo", parameters: VarlinkEmpty(), returning: JSONValue.self)
        }
        await #expect(throws: VarlinkError.methodNotFound("org.example.test.Missing")) {
            _ = try await client.call("org.example.test.Missing", parameters: VarlinkEmpty(), returning: JSONValue.self)
        }
        await server.stop()
    }

    @Test(arguments: [
        (#"{"colour":"red"}"#, "item"),                                                   // missing
        (#"{"item":{"name":"x","count":1},"colour":"purple"}"#, "colour"),               // unknown enum value
        (#"{"item":{"name":"x","count":"1"},"colour":"red"}"#, "item"),                  // wrong type nested
        (#"{"item":{"name":"x","count":1.5},"colour":"red"}"#, "item"),                  // float for int
        (#"{"item":{"name":"x","count":1},"colour":"red","bogus":1}"#, "bogus"),         // unknown field
        (#"{"item":{"name":"x","count":1},"colour":"red","note":5}"#, "note"),           // wrong type
        (#"{"item":{"name":"x","count":1,"nested":{"inner":true,"mode":"warp"}},"colour":"red"}"#, "item"),
    ])
    func invalidParametersAreRejectedWithTheirName(parameters: String, name: String) async throws {
        let server = try RunningServer.start()
        let raw = try RawSocket(path: server.path)
        raw.write(#"{"method":"org.example.test.Echo","parameters":\#(parameters)}"#)
        let reply = try #require(raw.readMessage())
        #expect(reply["error"] as? String == "org.varlink.service.InvalidParameter")
        #expect((reply["parameters"] as? [String: Any])?["parameter"] as? String == name)
        // The connection stays usable after a call-level error.
        raw.write(#"{"method":"org.example.test.Recorded"}"#)
        #expect(raw.readMessage()?["parameters"] != nil)
        await server.stop()
    }

    @Test func thousandConcurrentConnectionsAreBounded() async throws {
        var limits = VarlinkServer.Limits()
        limits.maxConnections = 200
        let server = try RunningServer.start(limits: limits)
        var sockets: [RawSocket] = []
        for _ in 0..<1000 { sockets.append(try RawSocket(path: server.path, receiveTimeoutSeconds: 2)) }
        // Let the server accept them all.
        try await Task.sleep(for: .milliseconds(500))
        var answered = 0
        for socket in sockets {
            socket.write(#"{"method":"org.example.test.Recorded"}"#)
        }
        for socket in sockets where socket.readMessage() != nil { answered += 1 }
        #expect(answered == 200)
        sockets.removeAll()
        try await Task.sleep(for: .milliseconds(300))
        let client = try await VarlinkClient.connect(path: server.path)
        _ = try await client.call("org.varlink.service.GetInfo", parameters: VarlinkEmpty(), returning: JSONValue.self)
        await server.stop()
    }

    @Test func slowReaderDoesNotBlockOthers() async throws {
        let server = try RunningServer.start()
        let slow = try RawSocket(path: server.path)
        // Many streaming calls whose replies this client never reads fill its socket buffer.
        var bytes: [UInt8] = []
        for _ in 0..<200 { bytes += Array(#"{"method":"org.example.test.Count","parameters":{"limit":500},"more":true}"#.utf8) + [0] }
        slow.write(bytes)
        let start = ContinuousClock.now
        let client = try await VarlinkClient.connect(path: server.path)
        for _ in 0..<20 {
            _ = try await client.call("org.varlink.service.GetInfo", parameters: VarlinkEmpty(), returning: JSONValue.self)
        }
        #expect(ContinuousClock.now - start < .seconds(5))
        await server.stop()
    }

    @Test func peerCredentialsAreOurs() async throws {
        let server = try RunningServer.start()
        let client = try await VarlinkClient.connect(path: server.path)
        let me = try await client.call("org.example.test.WhoAmI", parameters: VarlinkEmpty(), returning: T.WhoAmIReply.self)
        #expect(me.uid == getuid())
        #expect(me.gid == getgid())
        #expect(me.pid == getpid())
        await server.stop()
    }

    @Test func peerCredentialsOfAnotherUser() async throws {
        try #require(getuid() == 0, "needs root to switch uid")
        let server = try RunningServer.start()
        let script = """
        import socket, sys
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.connect(sys.argv[1])
        s.sendall(b'{"method":"org.example.test.WhoAmI"}\\0')
        data = b''
        while not data.endswith(b'\\0'):
            chunk = s.recv(4096)
            if not chunk: break
            data += chunk
        sys.stdout.write(data.rstrip(b'\\0').decode())
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/python3", "-c", script, server.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let reply = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let parameters = try #require(reply["parameters"] as? [String: Any])
        #expect(parameters["uid"] as? Int == 65534)
        #expect(parameters["gid"] as? Int == 65534)
        await server.stop()
    }

    @Test func socketFileHasTheRequestedModeAndIsReplacedWhenStale() throws {
        let directory = NSTemporaryDirectory() + "varlink-mode-" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/s.sock"
        _ = try VarlinkListener.bind(path: path, group: 65534)
        // Binding again over the stale socket file works.
        _ = try VarlinkListener.bind(path: path, group: 65534)
        var info = stat()
        #expect(stat(path, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o660)
        #expect(info.st_gid == 65534)
    }
}
