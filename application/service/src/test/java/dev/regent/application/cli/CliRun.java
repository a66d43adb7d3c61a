package dev.regent.application.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of {@code regent ...} as an operator would type it: its exit code and what it printed. */
record CliRun(int exitCode, String out, String err) {

    static CliRun regent(String... arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine regent = RegentCli.commandLine();
        regent.setOut(new PrintWriter(out, true));
        regent.setErr(new PrintWriter(err, true));
        int exitCode = regent.execute(arguments);
        return new CliRun(exitCode, out.toString(), err.toString());
    }
}
