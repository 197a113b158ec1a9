import Testing
import Varlink

@Suite("Varlink IDL parser")
struct VarlinkIDLParserTests {
    @Test func parsesTheTestInterface() throws {
        let interface = try VarlinkInterface(parsing: TestInterfaceHandler.idl)
        #expect(interface.name == "org.example.test")
        #expect(interface.types["Colour"] == .enumeration(["red", "green", "blue"]))
        let item = try #require(interface.types["Item"])
        guard case .structure(let fields) = item else { Issue.record("Item is not a struct"); return }
        #expect(fields.map(\.name) == ["name", "count", "tags", "extra", "nested"])
        #expect(fields[2].type == .optional(.array(.string)))
        #expect(fields[3].type == .optional(.map(.float)))
        #expect(fields[4].type == .optional(.structure([VarlinkField(name: "inner", type: .bool).self,
                                                        VarlinkField(name: "mode", type: .enumeration(["fast", "slow"]))])))
        #expect(interface.methods["Echo"]?.input.map(\.name) == ["item", "colour", "note"])
        #expect(interface.methods["Record"]?.output == [])
        #expect(interface.errors["Nope"] == [VarlinkField(name: "why", type: .string)])
        #expect(interface.description == TestInterfaceHandler.idl)
    }

    @Test func parsesObjectAndNestedContainers() throws {
        let interface = try VarlinkInterface(parsing: """
        interface org.example.more
        # comment
        method M(a: object, b: [][string]?int, c: [](x: int)) -> ()
        """)
        let m = try #require(interface.methods["M"])
        #expect(m.input[0].type == .object)
        #expect(m.input[1].type == .array(.map(.optional(.int))))
        #expect(m.input[2].type == .array(.structure([VarlinkField(name: "x", type: .int)])))
    }

    @Test(arguments: [
        ("interfac org.a.b\nmethod A() -> ()", 1),
        ("interface org\nmethod A() -> ()", 1),
        ("interface org.a.b\n\nmethod A() ()", 3),
        ("interface org.a.b\nmethod A(x: int) -> ()\nmethod B(y: ) -> ()", 3),
        ("interface org.a.b\ntype T (a: int)\ntype T (b: int)", 3),
        ("interface org.a.b\n# c\n# d\nmethod lower() -> ()", 4),
        ("interface org.a.b\nmethod A(x: int,, y: int) -> ()", 2),
        ("interface org.a.b\nmethod A(x: ??int) -> ()", 2),
        ("interface org.a.b\nwhat A() -> ()", 2),
        ("interface org.a.b", 1),
    ])
    func rejectsInvalidIDLWithTheLine(idl: String, line: Int) {
        do {
            _ = try VarlinkInterface(parsing: idl)
            Issue.record("parsed invalid IDL: \(idl)")
        } catch {
            #expect(error.line == line, "\(error)")
        }
    }

    @Test func rejectsUndefinedTypeReference() {
        #expect(throws: VarlinkIDLError.self) { _ = try VarlinkInterface(parsing: "interface org.a.b\nmethod A(x: Missing) -> ()") }
    }
}
