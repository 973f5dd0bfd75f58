package chat.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a process's resident memory and CPU time: this process's through the JVM, another's
 * (the server's, by pid) from Linux's /proc. Answers -1 when it cannot tell. Stateless; any
 * thread.
 */
final class ProcessProbe {

    /** /proc/PID/stat counts CPU time in clock ticks; USER_HZ is 100 on every Linux build in use. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private ProcessProbe() {}

    /** This process's CPU time (all threads, user and system), in nanoseconds, or -1. */
    static long selfCpuNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }

    /** Process {@code pid}'s CPU time (user and system), in nanoseconds, or -1. */
    static long cpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name, in parentheses, may hold spaces: count fields after its ')'.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" +");
            // fields[0] is field 3 (state); utime and stime are fields 14 and 15
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Process {@code pid}'s resident set size (VmRSS) in KiB, or -1. */
    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").trim());
                }
            }
            return -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** True if process {@code pid} can be read. */
    static boolean exists(long pid) {
        return Files.isReadable(Path.of("/proc", Long.toString(pid), "status"));
    }
}
