package io.rowmq.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Prints results as one Markdown table, each RowMQ row with its ratio to its raw baseline and its target. */
public final class Table {
    private static final String[] HEADER = {"id", "measurement", "settings", "rate", "p50 ms", "p99 ms",
            "p99.9 ms", "vs raw", "target"};

    private final List<Result> results;

    public Table(List<Result> results) {
        this.results = List.copyOf(results);
    }

    public String render() {
        Map<String, Result> byId = results.stream().collect(Collectors.toMap(Result::id, Function.identity(),
                (a, b) -> b));
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (Result r : results) {
            rows.add(cells(r, byId.get(r.target() == null ? null : r.target().baselineId())));
        }
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            line(out, rows.get(r), widths);
            if (r == 0) {
                String[] rule = new String[HEADER.length];
                for (int i = 0; i < rule.length; i++) {
                    rule[i] = (i >= 3 && i <= 6 ? "-".repeat(widths[i] - 1) + ":" : "-".repeat(widths[i]));
                }
                line(out, rule, widths);
            }
        }
        return out.toString();
    }

    private static String[] cells(Result r, Result baseline) {
        Latency l = r.latency();
        return new String[]{r.id(), r.name(), r.settings(), String.format(Locale.ROOT, "%,.0f %s", r.rate(), r.unit()),
                l == null ? "" : ms(l.p50Ms()), l == null ? "" : ms(l.p99Ms()), l == null ? "" : ms(l.p999Ms()),
                ratio(r, baseline), target(r, baseline)};
    }

    private static String ratio(Result r, Result baseline) {
        if (baseline == null) {
            return "";
        }
        return String.format(Locale.ROOT, "%.0f%% of %s", 100 * r.rate() / baseline.rate(), baseline.id());
    }

    private static String target(Result r, Result baseline) {
        Result.Target t = r.target();
        if (t == null || (t.minRate() <= 0 && t.minRatio() <= 0)) {
            return "";
        }
        if (t.minRate() > 0) {
            return String.format(Locale.ROOT, ">= %,.0f %s: %s", t.minRate(), r.unit(),
                    r.rate() >= t.minRate() ? "met" : "MISSED");
        }
        if (baseline == null) {
            return String.format(Locale.ROOT, ">= %.0f%% of %s: no baseline", 100 * t.minRatio(), t.baselineId());
        }
        return String.format(Locale.ROOT, ">= %.0f%% of %s: %s", 100 * t.minRatio(), t.baselineId(),
                r.rate() >= t.minRatio() * baseline.rate() ? "met" : "MISSED");
    }

    private static String ms(double value) {
        return String.format(Locale.ROOT, value < 10 ? "%.2f" : "%.1f", value);
    }

    private static void line(StringBuilder out, String[] cells, int[] widths) {
        out.append('|');
        for (int i = 0; i < cells.length; i++) {
            String cell = cells[i];
            boolean right = i >= 3 && i <= 6;
            String pad = " ".repeat(widths[i] - cell.length());
            out.append(' ').append(right ? pad + cell : cell + pad).append(" |");
        }
        out.append('\n');
    }
}
