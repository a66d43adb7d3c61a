package dev.regent.application.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** A plain-text table: a header, a rule, one line per row; columns of numbers are right-aligned, absent cells "-". */
final class Table {

    private static final Pattern NUMBER = Pattern.compile("-?[0-9][0-9.,]*%?|-");

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    Table(String... headers) {
        this.headers = List.of(headers);
    }

    Table row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + headers.size() + " columns");
        }
        rows.add(Arrays.stream(cells).map(cell -> cell == null ? "-" : String.valueOf(cell)).toList());
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Prints the table, or {@code whenEmpty} in its place when it has no rows. */
    void print(PrintWriter out, String whenEmpty) {
        if (rows.isEmpty()) {
            out.println(whenEmpty);
        } else {
            print(out);
        }
    }

    void print(PrintWriter out) {
        int[] widths = new int[headers.size()];
        boolean[] numeric = new boolean[headers.size()];
        for (int column = 0; column < widths.length; column++) {
            int index = column;
            widths[column] = rows.stream().mapToInt(row -> row.get(index).length())
                    .reduce(headers.get(column).length(), Math::max);
            numeric[column] = !rows.isEmpty()
                    && rows.stream().allMatch(row -> NUMBER.matcher(row.get(index)).matches());
        }
        line(out, headers, widths, numeric);
        line(out, Arrays.stream(widths).mapToObj("-"::repeat).toList(), widths, numeric);
        rows.forEach(row -> line(out, row, widths, numeric));
    }

    private static void line(PrintWriter out, List<String> cells, int[] widths, boolean[] numeric) {
        StringBuilder line = new StringBuilder();
        for (int column = 0; column < cells.size(); column++) {
            String cell = cells.get(column);
            String padding = " ".repeat(widths[column] - cell.length());
            line.append(column == 0 ? "" : "  ").append(numeric[column] ? padding + cell : cell + padding);
        }
        out.println(line.toString().stripTrailing());
    }
}
