package io.rowmq.tck;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Prints the TCK result per package (passed, failed, errors, skipped) from Failsafe's XML
 * reports, then the most frequent root causes of the failures. Uses only the JDK, so it also runs
 * straight from its source: {@code java tck/src/main/java/io/rowmq/tck/TckReportSummary.java
 * tck/target/failsafe-reports [summary.md]}; with a second argument it also writes the table as
 * Markdown there.
 */
public final class TckReportSummary {

    private static final String TCK_PACKAGE = "com.sun.ts.tests.jms.";
    private static final int TOP_CAUSES = 10;

    /** Counts of one package. */
    static final class Counts {
        int passed;
        int failed;
        int errors;
        int skipped;

        int total() {
            return passed + failed + errors + skipped;
        }

        void add(Counts other) {
            passed += other.passed;
            failed += other.failed;
            errors += other.errors;
            skipped += other.skipped;
        }
    }

    private final Map<String, Counts> byPackage = new TreeMap<>();
    private final Map<String, Integer> causes = new LinkedHashMap<>();

    private TckReportSummary() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            throw new IllegalArgumentException("Usage: TckReportSummary FAILSAFE_REPORTS_DIR [SUMMARY.md]");
        }
        Path reports = Path.of(args[0]);
        List<Path> files = reportFiles(reports);
        if (files.isEmpty()) {
            System.out.println("[rowmq-tck] No TEST-*.xml reports in " + reports + ": the TCK did not run.");
            return;
        }
        TckReportSummary summary = new TckReportSummary();
        DocumentBuilder parser = parser();
        for (Path file : files) {
            summary.read(parser, file);
        }
        String table = summary.table();
        System.out.println("[rowmq-tck] Jakarta Messaging TCK result per package (" + files.size() + " report files)");
        System.out.print(table);
        System.out.print(summary.topCauses());
        if (args.length == 2) {
            Files.writeString(Path.of(args[1]), table, StandardCharsets.UTF_8);
            System.out.println("[rowmq-tck] Table written to " + Path.of(args[1]).toAbsolutePath());
        }
    }

    private static List<Path> reportFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().matches("TEST-.*\\.xml")).sorted().toList();
        }
    }

    private static DocumentBuilder parser() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder();
    }

    private void read(DocumentBuilder parser, Path file) throws Exception {
        NodeList cases = parser.parse(file.toFile()).getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element testCase = (Element) cases.item(i);
            Counts counts = byPackage.computeIfAbsent(packageOf(testCase.getAttribute("classname")), p -> new Counts());
            if (has(testCase, "error")) {
                counts.errors++;
                cause(testCase, "error");
            } else if (has(testCase, "failure")) {
                counts.failed++;
                cause(testCase, "failure");
            } else if (has(testCase, "skipped")) {
                counts.skipped++;
            } else {
                counts.passed++;
            }
        }
    }

    /** {@code com.sun.ts.tests.jms.core20.appclient.jmsconsumertests.ClientIT} is {@code core20/appclient/jmsconsumertests}. */
    static String packageOf(String className) {
        String name = className.startsWith(TCK_PACKAGE) ? className.substring(TCK_PACKAGE.length()) : className;
        int lastDot = name.lastIndexOf('.');
        return (lastDot < 0 ? "(default)" : name.substring(0, lastDot)).replace('.', '/');
    }

    private static boolean has(Element testCase, String child) {
        return testCase.getElementsByTagName(child).getLength() > 0;
    }

    /** Counts the deepest cause of a failure or error: its last "Caused by:" line, else its message. */
    private void cause(Element testCase, String kind) {
        Element problem = (Element) testCase.getElementsByTagName(kind).item(0);
        String message = problem.getAttribute("message").lines().findFirst().orElse("").strip();
        String key = problem.getAttribute("type") + (message.isEmpty() ? "" : ": " + message);
        String rootCause = problem.getTextContent().lines()
                .filter(line -> line.startsWith("Caused by: "))
                .reduce((first, second) -> second)
                .map(line -> line.substring("Caused by: ".length()).strip())
                .orElse(key);
        if (rootCause.length() > 200) {
            rootCause = rootCause.substring(0, 200) + "...";
        }
        causes.merge(rootCause, 1, Integer::sum);
    }

    String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("| %-40s | %6s | %6s | %6s | %6s | %7s |%n",
                "package", "tests", "passed", "failed", "errors", "skipped"));
        out.append("| ").append("-".repeat(40)).append(" | -----: | -----: | -----: | -----: | ------: |\n");
        Counts total = new Counts();
        for (Map.Entry<String, Counts> entry : byPackage.entrySet()) {
            row(out, entry.getKey(), entry.getValue());
            total.add(entry.getValue());
        }
        row(out, "**total**", total);
        return out.toString();
    }

    private static void row(StringBuilder out, String name, Counts c) {
        out.append(String.format("| %-40s | %6d | %6d | %6d | %6d | %7d |%n",
                name, c.total(), c.passed, c.failed, c.errors, c.skipped));
    }

    private String topCauses() {
        if (causes.isEmpty()) {
            return "";
        }
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(causes.entrySet());
        sorted.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()));
        StringBuilder out = new StringBuilder("[rowmq-tck] Most frequent root causes of failures and errors (of "
                + causes.size() + " distinct):\n");
        for (Map.Entry<String, Integer> entry : sorted.subList(0, Math.min(TOP_CAUSES, sorted.size()))) {
            out.append(String.format("%6d  %s%n", entry.getValue(), entry.getKey()));
        }
        return out.toString();
    }
}
