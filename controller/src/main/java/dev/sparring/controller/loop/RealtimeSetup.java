package dev.sparring.controller.loop;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;

import dev.sparring.controller.loop.RealtimeReport.Status;
import dev.sparring.controller.loop.RealtimeReport.Step;

/**
 * Real-time setup of the calling thread through libc calls made with JNA, each step optional and each reported as
 * granted or refused with the errno and a hint, so the loop runs without privileges and says what it lacks.
 * <p>
 * The steps, in order:
 * <ol>
 *     <li>{@code mlockall(MCL_CURRENT | MCL_FUTURE)}: no page faults on the control path (needs
 *     {@code CAP_IPC_LOCK} or a large enough {@code RLIMIT_MEMLOCK}). It locks the whole process, including every
 *     heap page the JVM commits later: size the heap with {@code -Xms} equal to {@code -Xmx}.</li>
 *     <li>{@code sched_setscheduler(0, SCHED_FIFO, priority)}: on Linux, pid 0 is the calling thread, not the whole
 *     process (needs {@code CAP_SYS_NICE} and, in a container, a real-time runtime budget in its cgroup).</li>
 *     <li>{@code sched_setaffinity(0, mask)}: pins the calling thread to one CPU.</li>
 *     <li>{@code prctl(PR_SET_TIMERSLACK, ns)}: how much the kernel may defer the thread's timer wake-ups (50 µs by
 *     default; ignored for real-time threads, whose slack is 0).</li>
 * </ol>
 * Off Linux every requested step is reported unsupported. The constants are those of Linux on x86-64 and ARM, and the
 * CPU mask is laid out for little-endian machines.
 *
 * @param lockMemory   whether to lock current and future memory.
 * @param fifoPriority {@code SCHED_FIFO} priority 1..99, or {@link #NO_FIFO}.
 * @param cpu          the CPU index to pin the thread to, 0..{@link #MAX_CPU}, or {@link #NO_CPU}.
 * @param timerSlackNs the timer slack to set, at least 1 ns, or {@link #NO_TIMER_SLACK}.
 */
public record RealtimeSetup(boolean lockMemory, int fifoPriority, int cpu, long timerSlackNs) {
    /** No {@code SCHED_FIFO}: the thread keeps the default scheduler. */
    public static final int NO_FIFO = 0;
    /** No affinity: the thread may run on any CPU. */
    public static final int NO_CPU = -1;
    /** No timer slack change. */
    public static final long NO_TIMER_SLACK = -1L;
    /** Highest CPU index a mask can hold ({@code CPU_SETSIZE - 1}). */
    public static final int MAX_CPU = 1023;

    /** Least {@code SCHED_FIFO} priority. */
    public static final int MIN_FIFO_PRIORITY = 1;
    /** Greatest {@code SCHED_FIFO} priority. */
    public static final int MAX_FIFO_PRIORITY = 99;
    private static final int MCL_CURRENT = 1;
    private static final int MCL_FUTURE = 2;
    private static final int SCHED_FIFO = 1;
    private static final int PR_SET_TIMERSLACK = 29;
    private static final int CPU_SET_BYTES = (MAX_CPU + 1) / Byte.SIZE;
    private static final int EPERM = 1;
    private static final int ESRCH = 3;
    private static final int EAGAIN = 11;
    private static final int ENOMEM = 12;
    private static final int EFAULT = 14;
    private static final int EINVAL = 22;
    private static final int ENOSYS = 38;

    /**
     * @param lockMemory   whether to lock current and future memory.
     * @param fifoPriority {@code SCHED_FIFO} priority 1..99, or {@link #NO_FIFO}.
     * @param cpu          the CPU index to pin the thread to, 0..{@link #MAX_CPU}, or {@link #NO_CPU}.
     * @param timerSlackNs the timer slack to set, at least 1 ns, or {@link #NO_TIMER_SLACK}.
     */
    public RealtimeSetup {
        if (fifoPriority != NO_FIFO && (fifoPriority < MIN_FIFO_PRIORITY || fifoPriority > MAX_FIFO_PRIORITY)) {
            throw new IllegalArgumentException(
                "fifoPriority must be 1..99 (or NO_FIFO = 0), was " + fifoPriority);
        }
        if (cpu != NO_CPU && (cpu < 0 || cpu > MAX_CPU)) {
            throw new IllegalArgumentException("cpu must be 0.." + MAX_CPU + " (or NO_CPU = -1), was " + cpu);
        }
        if (timerSlackNs != NO_TIMER_SLACK && timerSlackNs < 1) {
            throw new IllegalArgumentException(
                "timerSlackNs must be >= 1 (or NO_TIMER_SLACK = -1), was " + timerSlackNs);
        }
    }

    /**
     * A setup that asks for nothing.
     *
     * @return a setup whose report lists every step as not requested.
     */
    public static RealtimeSetup none() {
        return new RealtimeSetup(false, NO_FIFO, NO_CPU, NO_TIMER_SLACK);
    }

    /**
     * Applies the requested steps to the calling thread (and, for {@code mlockall}, its process). Never throws for a
     * refused step: the report says what was granted.
     *
     * @return one result per step.
     */
    public RealtimeReport applyToCurrentThread() {
        return applyOn(System.getProperty("os.name"));
    }

    RealtimeReport applyOn(final String osName) {
        final boolean linux = osName.startsWith("Linux");
        final List<Step> steps = new ArrayList<>(4);
        steps.add(attempt(
            "mlockall(MCL_CURRENT|MCL_FUTURE)", lockMemory, linux, osName,
            libc -> libc.mlockall(MCL_CURRENT | MCL_FUTURE), RealtimeSetup::lockMemoryHint));
        steps.add(attempt(
            fifoPriority == NO_FIFO ? "SCHED_FIFO" : "SCHED_FIFO priority " + fifoPriority,
            fifoPriority != NO_FIFO, linux, osName,
            libc -> libc.sched_setscheduler(0, SCHED_FIFO, new int[]{fifoPriority}), RealtimeSetup::fifoHint));
        steps.add(attempt(
            cpu == NO_CPU ? "CPU affinity" : "CPU affinity to cpu " + cpu, cpu != NO_CPU, linux, osName,
            libc -> libc.sched_setaffinity(0, new NativeLong(CPU_SET_BYTES), cpuMask(cpu)),
            errno -> errno == EINVAL ? " — cpu " + cpu + " is not online or not allowed for this process" : ""));
        steps.add(attempt(
            timerSlackNs == NO_TIMER_SLACK ? "timer slack" : "timer slack " + timerSlackNs + " ns",
            timerSlackNs != NO_TIMER_SLACK, linux, osName,
            libc -> libc.prctl(PR_SET_TIMERSLACK, new NativeLong(timerSlackNs)), errno -> ""));
        return new RealtimeReport(steps);
    }

    private static Step attempt(
        final String name, final boolean requested, final boolean linux, final String osName,
        final ToIntFunction<LibC> call, final IntFunction<String> hint) {
        if (!requested) {
            return new Step(name, Status.NOT_REQUESTED, "");
        }
        if (!linux) {
            return new Step(name, Status.UNSUPPORTED, osName);
        }
        final LibC libc;
        try {
            libc = LibCHolder.INSTANCE;
        } catch (final LinkageError ex) {
            return new Step(name, Status.REFUSED, "libc not loadable through JNA: " + ex);
        }
        if (call.applyAsInt(libc) == 0) {
            return new Step(name, Status.GRANTED, "");
        }
        final int errno = Native.getLastError();
        return new Step(name, Status.REFUSED, errnoName(errno) + " (" + libc.strerror(errno) + ")" + hint.apply(errno));
    }

    private static byte[] cpuMask(final int cpu) {
        final byte[] mask = new byte[CPU_SET_BYTES];
        mask[cpu / Byte.SIZE] = (byte)(1 << (cpu % Byte.SIZE));
        return mask;
    }

    private static String lockMemoryHint(final int errno) {
        return switch (errno) {
            case EPERM -> " — run with CAP_IPC_LOCK or as root";
            case ENOMEM -> " — raise the locked-memory limit (ulimit -l, LimitMEMLOCK) or run with CAP_IPC_LOCK";
            default -> "";
        };
    }

    private static String fifoHint(final int errno) {
        return errno == EPERM ?
            " — run with CAP_SYS_NICE or as root; in a container, also give its cgroup a real-time budget" : "";
    }

    private static String errnoName(final int errno) {
        return switch (errno) {
            case EPERM -> "EPERM";
            case ESRCH -> "ESRCH";
            case EAGAIN -> "EAGAIN";
            case ENOMEM -> "ENOMEM";
            case EFAULT -> "EFAULT";
            case EINVAL -> "EINVAL";
            case ENOSYS -> "ENOSYS";
            default -> "errno " + errno;
        };
    }

    /** The libc calls of the setup, mapped by JNA; {@code errno} is read through {@link Native#getLastError()}. */
    private interface LibC extends Library {
        int mlockall(int flags);

        int sched_setscheduler(int pid, int policy, int[] param);

        int sched_setaffinity(int pid, NativeLong cpuSetSizeBytes, byte[] mask);

        int prctl(int option, Object... args);

        String strerror(int errnum);
    }

    /** Loads libc on first use, so that other systems never try. */
    private static final class LibCHolder {
        static final LibC INSTANCE = Native.load("c", LibC.class);
    }
}
