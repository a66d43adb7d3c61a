package dev.regent.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;

/**
 * {@code regent local --instances N}: lines typed while the lab runs stop or start one instance ({@code stop eu 2},
 * {@code start eu 2}), for a rolling restart by hand. Returns when its input ends.
 */
final class InstanceConsole {

    private final LocalTopology topology;
    private final PrintStream out;

    InstanceConsole(LocalTopology topology, PrintStream out) {
        this.topology = topology;
        this.out = out;
    }

    void run(BufferedReader in) throws IOException {
        out.println("Type `stop <region> <n>` or `start <region> <n>` to stop or start one instance.");
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (!line.isBlank()) {
                out.println(apply(line.trim().split("\\s+")));
            }
        }
    }

    String apply(String[] words) {
        if (words.length != 3 || !(words[0].equals("stop") || words[0].equals("start"))) {
            return "Expected `stop <region> <n>` or `start <region> <n>`";
        }
        LocalInstance instance;
        try {
            instance = topology.region(words[1]).instance(Integer.parseInt(words[2]));
        } catch (IllegalArgumentException wrong) {
            return wrong.getMessage();
        }
        if (words[0].equals("stop")) {
            instance.stopService();
            return instance.name() + " stopped (" + instance.url() + ")";
        }
        try {
            instance.startService();
            return instance.name() + " started at " + instance.url();
        } catch (RuntimeException failed) {
            return instance.name() + " did not start: " + failed.getMessage();
        }
    }
}
