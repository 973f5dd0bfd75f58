package chat.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code jmh}: hands every argument to JMH's own command line, which runs the benchmarks packaged
 * in this jar (package {@code chat.bench.jmh}). {@link BenchMain} lets options through unparsed.
 */
@Command(name = "jmh", description = {
    "Runs the JMH micro-benchmarks packaged in this jar; every argument goes to JMH.",
    "Examples: jmh -l (list), jmh LineFramerBench, jmh -h (JMH's options)."})
final class JmhCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "JMH-ARG", description = "Arguments for JMH.")
    private List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        try {
            org.openjdk.jmh.Main.main(arguments.toArray(String[]::new));
        } catch (RuntimeException e) {
            // JMH's way of saying the annotation processor found no @Benchmark when the jar was built
            if (String.valueOf(e.getMessage()).contains("/META-INF/BenchmarkList")) {
                throw new BenchException("No JMH benchmarks are packaged in this jar (package chat.bench.jmh).");
            }
            throw e;
        }
        return 0;
    }
}
