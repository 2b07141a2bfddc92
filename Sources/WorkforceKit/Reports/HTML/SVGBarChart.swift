import Foundation

/// A grouped bar chart as inline SVG: titled, with axis labels, a legend, value labels and
/// optional interval whiskers; grays and hatching so it reads in black-and-white print.
struct SVGBarChart {
    struct Series {
        let name: String
        /// One value per group (nil: no bar), with an optional interval.
        let values: [Double?]
        var lower: [Double?] = []
        var upper: [Double?] = []
    }

    let title: String
    let groups: [String]
    let series: [Series]
    let yLabel: String
    let xLabel: String
    /// Format of the value labels and ticks.
    var format: (Double) -> String = { String(format: "%.1f", $0) }
    var width = 640
    var height = 300
    /// A dashed reference line (e.g. 100 % of a target), with its label.
    var reference: (value: Double, label: String)? = nil

    /// 1, 2 or 5 × 10^k, the smallest such step at least `rough`.
    static func niceStep(_ rough: Double) -> Double {
        let magnitude = pow(10, (log10(rough)).rounded(.down))
        for factor in [1.0, 2.0, 5.0, 10.0] where factor * magnitude >= rough { return factor * magnitude }
        return 10 * magnitude
    }

    private static let fills = ["#333333", "#999999", "url(#hatch)", "#dddddd"]

    func render() -> String {
        let left = 64.0, right = 16.0, top = 40.0, bottom = 64.0
        let plotWidth = Double(width) - left - right
        let plotHeight = Double(height) - top - bottom
        let all =
            series.flatMap { $0.values.compactMap { $0 } + $0.upper.compactMap { $0 } + $0.lower.compactMap { $0 } }
            + (reference.map { [$0.value] } ?? [])
        // Ticks on round numbers: a step of 1, 2 or 5 × 10^k giving about four intervals.
        let rawMaximum = max(all.max() ?? 1, 0)
        let rawMinimum = min(all.min() ?? 0, 0)
        let step = Self.niceStep(max(rawMaximum - rawMinimum, 1e-9) / 4)
        let low = (rawMinimum / step).rounded(.down) * step
        let high = max((rawMaximum * 1.08 / step).rounded(.up) * step, low + step)
        let span = high - low
        func y(_ value: Double) -> Double { top + plotHeight * (1 - (value - low) / span) }
        var svg =
            #"<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="\#(width)" height="\#(height)" viewBox="0 0 \#(width) \#(height)" role="img">"#
        svg += "<title>\(HTMLText.escape(title))</title>"
        svg +=
            #"<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill='#ffffff'/><line x1="0" y1="0" x2="0" y2="6" stroke='#000000' stroke-width="2"/></pattern></defs>"#
        svg += #"<text x="\#(Int(left))" y="18" class="chart-title">\#(HTMLText.escape(title))</text>"#
        // Axes, ticks and grid.
        for index in 0...Int((span / step).rounded()) {
            let value = low + step * Double(index)
            let position = y(value)
            svg += #"<line x1="\#(left)" y1="\#(position)" x2="\#(left + plotWidth)" y2="\#(position)" class="grid"/>"#
            svg +=
                #"<text x="\#(left - 6)" y="\#(position + 4)" class="tick" text-anchor="end">\#(HTMLText.escape(format(value)))</text>"#
        }
        svg += #"<line x1="\#(left)" y1="\#(y(0))" x2="\#(left + plotWidth)" y2="\#(y(0))" class="axis"/>"#
        svg += #"<line x1="\#(left)" y1="\#(top)" x2="\#(left)" y2="\#(top + plotHeight)" class="axis"/>"#
        svg +=
            #"<text class="axis-label" transform="translate(14 \#(top + plotHeight / 2)) rotate(-90)" text-anchor="middle">\#(HTMLText.escape(yLabel))</text>"#
        svg +=
            #"<text class="axis-label" x="\#(left + plotWidth / 2)" y="\#(Double(height) - 8)" text-anchor="middle">\#(HTMLText.escape(xLabel))</text>"#
        // Bars.
        let groupWidth = plotWidth / Double(max(groups.count, 1))
        let barWidth = groupWidth * 0.8 / Double(max(series.count, 1))
        for (g, group) in groups.enumerated() {
            let groupLeft = left + groupWidth * Double(g) + groupWidth * 0.1
            svg +=
                #"<text x="\#(groupLeft + groupWidth * 0.4)" y="\#(top + plotHeight + 16)" class="tick" text-anchor="middle">\#(HTMLText.escape(group))</text>"#
            for (s, item) in series.enumerated() {
                guard g < item.values.count, let value = item.values[g] else { continue }
                let x = groupLeft + barWidth * Double(s)
                let barTop = min(y(value), y(0))
                let barHeight = abs(y(value) - y(0))
                svg +=
                    #"<rect x="\#(x)" y="\#(barTop)" width="\#(barWidth - 2)" height="\#(max(barHeight, 0.5))" fill="\#(Self.fills[s % Self.fills.count])" stroke='#000000' stroke-width="0.5"/>"#
                if g < item.lower.count, g < item.upper.count, let lo = item.lower[g], let hi = item.upper[g] {
                    let centre = x + (barWidth - 2) / 2
                    svg += #"<line x1="\#(centre)" y1="\#(y(lo))" x2="\#(centre)" y2="\#(y(hi))" class="whisker"/>"#
                    svg +=
                        #"<line x1="\#(centre - 3)" y1="\#(y(lo))" x2="\#(centre + 3)" y2="\#(y(lo))" class="whisker"/>"#
                    svg +=
                        #"<line x1="\#(centre - 3)" y1="\#(y(hi))" x2="\#(centre + 3)" y2="\#(y(hi))" class="whisker"/>"#
                }
                if series.count * groups.count <= 24 {
                    // Above the bar, or above its whisker when it has one, so that they never overlap.
                    let whiskerTop = g < item.upper.count ? item.upper[g].map(y) : nil
                    let labelY = min(barTop, whiskerTop ?? barTop) - 3
                    svg +=
                        #"<text x="\#(x + (barWidth - 2) / 2)" y="\#(labelY)" class="value" text-anchor="middle">\#(HTMLText.escape(format(value)))</text>"#
                }
            }
        }
        if let reference {
            let position = y(reference.value)
            svg +=
                #"<line x1="\#(left)" y1="\#(position)" x2="\#(left + plotWidth)" y2="\#(position)" stroke='#000000' stroke-width="1.5" stroke-dasharray="6 3"/>"#
            // Labelled in the legend row, where no bar or value label can cover it.
            let legendRight = left + plotWidth
            svg +=
                #"<line x1="\#(legendRight - 150)" y1="29" x2="\#(legendRight - 128)" y2="29" stroke='#000000' stroke-width="1.5" stroke-dasharray="6 3"/>"#
            svg += #"<text x="\#(legendRight - 124)" y="33" class="legend">\#(HTMLText.escape(reference.label))</text>"#
        }
        // Legend.
        var legendX = left
        for (s, item) in series.enumerated() {
            svg +=
                #"<rect x="\#(legendX)" y="24" width="10" height="10" fill="\#(Self.fills[s % Self.fills.count])" stroke='#000000' stroke-width="0.5"/>"#
            svg += #"<text x="\#(legendX + 14)" y="33" class="legend">\#(HTMLText.escape(item.name))</text>"#
            legendX += 24 + Double(item.name.count) * 6.5
        }
        return svg + "</svg>"
    }
}

/// Escaping for HTML text and attributes.
enum HTMLText {
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
