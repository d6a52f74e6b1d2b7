package dev.sparring.benchmarks;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

import dev.sparring.hal.mujoco.Mujoco;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one JNA call, MuJoCo's {@code int mj_version(void)}: direct mapping (the binding's choice) against
 * interface mapping, with {@code -prof gc} for what each allocates.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(2)
public class JnaCallBenchmark {
    /** mj_version through interface mapping. */
    public interface MujocoVersion extends Library {
        /**
         * @return MuJoCo's version, e.g. 222.
         */
        int mj_version();
    }

    /** mj_version through direct mapping. */
    public static final class DirectVersion {
        private DirectVersion() {
        }

        /**
         * @return MuJoCo's version, e.g. 222.
         */
        public static native int mj_version();
    }

    private MujocoVersion interfaceMapped;

    /** Binds mj_version both ways. */
    @Setup
    public void setUp() {
        final String library = System.getProperty(Mujoco.LIBRARY_PROPERTY, Mujoco.DEFAULT_LIBRARY);
        interfaceMapped = Native.load(library, MujocoVersion.class);
        Native.register(DirectVersion.class, NativeLibrary.getInstance(library));
    }

    /**
     * @return the version.
     */
    @Benchmark
    public int directMapping() {
        return DirectVersion.mj_version();
    }

    /**
     * @return the version.
     */
    @Benchmark
    public int interfaceMapping() {
        return interfaceMapped.mj_version();
    }
}
