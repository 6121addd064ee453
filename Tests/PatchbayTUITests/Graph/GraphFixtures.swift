import Foundation
import PatchbayCore

@testable import PatchbayTUI

/// Small graphs and the sample graphs for the graph pane tests.
enum GraphFixtures {
    /// Nodes as (id, kind) and wires as `a.x -> b.y` text.
    static func graph(_ nodes: [(String, String)], _ wires: [String]) -> Graph {
        Graph(nodes: nodes.map { Node(id: $0.0, kindName: $0.1) }, wires: wires.compactMap { Wire(parsing: $0) })
    }

    /// The repository root, found from this file's path.
    static func root(_ filePath: String = #filePath) -> URL {
        var url = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while url.path != "/"
            && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path)
        {
            url.deleteLastPathComponent()
        }
        return url
    }

    static func sample(_ name: String) throws -> Graph {
        let path = root().appendingPathComponent("sample-graphs/\(name).graph.yaml").path
        return try GraphCodec.decode(String(contentsOfFile: path, encoding: .utf8), path: path).graph
    }

    /// `count` nodes in rows of `width`: each node reads from one or two nodes of the row before
    /// (sometimes two rows before), inputs first and outputs last.
    static func generated(count: Int, width: Int = 10) -> Graph {
        var nodes: [(String, String)] = []
        var wires: [String] = []
        let kinds = ["llm", "jq", "template", "check", "map", "merge"]
        for i in 0..<count {
            let row = i / width
            let column = i % width
            let last = (count - 1) / width
            let kind = row == 0 ? "input" : row == last ? "output" : kinds[(i * 7) % kinds.count]
            let id = "n\(i)"
            nodes.append((id, kind))
            guard row > 0 else { continue }
            wires.append("n\((row - 1) * width + column) -> \(id)")
            if i % 3 == 0 { wires.append("n\((row - 1) * width + (column + 3) % width) -> \(id)") }
            if i % 5 == 0, row > 1 { wires.append("n\((row - 2) * width + (column + 1) % width) -> \(id)") }
        }
        return graph(nodes, wires)
    }

    /// Every canvas cell a route covers.
    static func cells(of route: GraphLayout.Route) -> [GraphLayout.Point] {
        var out: [GraphLayout.Point] = []
        for (a, b) in zip(route.points, route.points.dropFirst()) {
            for x in min(a.x, b.x)...max(a.x, b.x) {
                for y in min(a.y, b.y)...max(a.y, b.y) { out.append(GraphLayout.Point(x: x, y: y)) }
            }
        }
        return out.isEmpty ? route.points : out
    }

    /// Problems with a layout: overlapping boxes, wires through boxes, wires not touching
    /// their boxes. Empty when the drawing is clean.
    static func defects(_ layout: GraphLayout) -> [String] {
        var found: [String] = []
        let boxes = layout.boxes.sorted { $0.key < $1.key }
        for (i, a) in boxes.enumerated() {
            for b in boxes[(i + 1)...] where !a.value.intersection(b.value).isEmpty {
                found.append("boxes \(a.key) and \(b.key) overlap")
            }
        }
        for route in layout.routes {
            for (a, b) in zip(route.points, route.points.dropFirst()) where a.x != b.x && a.y != b.y {
                found.append("wire \(route.from)->\(route.to) has a diagonal step")
            }
            for p in cells(of: route) {
                for (id, box) in boxes where box.contains(x: p.x, y: p.y) {
                    found.append("wire \(route.from)->\(route.to) runs through \(id) at \(p.x),\(p.y)")
                }
            }
            let (start, end) = route.reversed ? (route.to, route.from) : (route.from, route.to)
            guard let first = route.points.first, let last = route.points.last,
                let source = layout.boxes[start], let target = layout.boxes[end]
            else {
                found.append("wire \(route.from)->\(route.to) has no ends")
                continue
            }
            switch layout.orientation {
            case .leftToRight:
                if first.x != source.maxX || !(source.y..<source.maxY).contains(first.y) {
                    found.append("wire \(route.from)->\(route.to) leaves away from \(start)")
                }
                if last.x != target.x - 1 || !(target.y..<target.maxY).contains(last.y) {
                    found.append("wire \(route.from)->\(route.to) arrives away from \(end)")
                }
            case .topToBottom:
                if first.y != source.maxY || !(source.x..<source.maxX).contains(first.x) {
                    found.append("wire \(route.from)->\(route.to) leaves away from \(start)")
                }
                if last.y != target.y - 1 || !(target.x..<target.maxX).contains(last.x) {
                    found.append("wire \(route.from)->\(route.to) arrives away from \(end)")
                }
            }
        }
        return found
    }
}
