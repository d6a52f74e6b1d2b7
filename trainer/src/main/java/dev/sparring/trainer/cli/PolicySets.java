package dev.sparring.trainer.cli;

import dev.sparring.controller.policy.PolicyModel;
import dev.sparring.controller.policy.PolicyReader;
import dev.sparring.hal.config.ConfigException;
import dev.sparring.trainer.algo.GaussianPolicy;
import dev.sparring.trainer.env.Env;
import dev.sparring.trainer.env.Tasks;
import dev.sparring.trainer.export.TrainedPolicies;
import dev.sparring.trainer.run.TrainingRun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Loads policy files for evaluation, grouped by method: from {@code label=file} arguments, from an experiment
 * directory's {@code <method>/seed-<n>/policy.policy} files, or from a bundle's {@code <method>/seed-<n>.policy}.
 * Each is loaded the way the robot loads it (read and validated) and turned into a trainer policy acting in task
 * units.
 */
final class PolicySets {
    private static final Pattern BUNDLED_POLICY = Pattern.compile("seed-(\\d+)\\.policy");

    private PolicySets() {
    }

    static Map<String, List<Path>> fromExperiment(final Path experiment) throws IOException {
        final Map<String, List<Path>> files = new LinkedHashMap<>();
        if (!Files.isDirectory(experiment)) {
            throw new ConfigException("experiment directory " + experiment + " does not exist");
        }
        try (Stream<Path> walk = Files.walk(experiment, 3)) {
            for (final Path policy : walk.filter(f -> f.getFileName().toString().equals(TrainingRun.POLICY_FILE))
                .sorted().toList()) {
                final String method = policy.getParent().getParent().getFileName().toString();
                files.computeIfAbsent(method, m -> new ArrayList<>()).add(policy);
            }
        }
        if (files.isEmpty()) {
            throw new ConfigException(experiment + " holds no trained policies (<method>/seed-<n>/"
                + TrainingRun.POLICY_FILE + "); has its training finished?");
        }
        return files;
    }

    /**
     * @param bundle a directory of {@code <method>/seed-<n>.policy} files (as {@code policies/hopper}).
     * @return per method (in name order), its policies in seed order.
     * @throws ConfigException when the directory holds none.
     */
    static Map<String, List<Path>> fromBundle(final Path bundle) throws IOException {
        final Map<String, List<Path>> files = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(bundle, 2)) {
            for (final Path policy : walk.filter(f -> BUNDLED_POLICY.matcher(f.getFileName().toString()).matches())
                .sorted(Comparator.comparing((Path f) -> f.getParent().getFileName().toString())
                    .thenComparingLong(PolicySets::bundledSeed)).toList()) {
                files.computeIfAbsent(policy.getParent().getFileName().toString(), m -> new ArrayList<>()).add(policy);
            }
        }
        if (files.isEmpty()) {
            throw new ConfigException(bundle + " holds no policies (<method>/seed-<n>.policy)");
        }
        return files;
    }

    private static long bundledSeed(final Path policy) {
        final Matcher matcher = BUNDLED_POLICY.matcher(policy.getFileName().toString());
        return matcher.matches() ? Long.parseLong(matcher.group(1)) : -1;
    }

    static Map<String, List<Path>> fromArguments(final List<String> arguments) {
        final Map<String, List<Path>> files = new LinkedHashMap<>();
        for (final String argument : arguments) {
            final int equals = argument.indexOf('=');
            final Path file = Path.of(equals < 0 ? argument : argument.substring(equals + 1));
            final String label = equals < 0 ? file.getFileName().toString().replaceFirst("\\.policy$", "")
                : argument.substring(0, equals);
            files.computeIfAbsent(label, l -> new ArrayList<>()).add(file);
        }
        return files;
    }

    static String taskOf(final Path policyFile) throws IOException {
        final String task = PolicyReader.read(policyFile).metadata().get("task");
        if (task == null) {
            throw new ConfigException("policy " + policyFile + " does not name its task in its metadata; give --env");
        }
        return canonicalTask(task);
    }

    /**
     * @param task a task name or a Gymnasium alias.
     * @return the task's name.
     * @throws ConfigException listing the names and aliases when it is none of them.
     */
    static String canonicalTask(final String task) {
        try {
            return Tasks.canonicalName(task);
        } catch (final IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    static Map<String, List<GaussianPolicy>> load(final Map<String, List<Path>> files, final String task)
        throws IOException {
        final int observationSize;
        final int actionSize;
        final double[] effort;
        try (Env env = Tasks.create(task, 0.0)) {
            observationSize = env.observationSize();
            actionSize = env.actionSize();
            effort = env.effortPerActionUnit();
        }
        final Map<String, List<GaussianPolicy>> policies = new LinkedHashMap<>();
        for (final Map.Entry<String, List<Path>> method : files.entrySet()) {
            final List<GaussianPolicy> loaded = new ArrayList<>();
            for (final Path file : method.getValue()) {
                final PolicyModel model = PolicyReader.read(file);
                final String trainedOn = model.metadata().get("task");
                if (trainedOn != null && !canonicalTask(trainedOn).equals(task)) {
                    throw new ConfigException("policy " + file + " was trained on task " + trainedOn + ", not "
                        + task + "; evaluate each task's policies separately (one --run or --env per task)");
                }
                model.requireDimensions(observationSize, actionSize, task);
                try {
                    loaded.add(TrainedPolicies.toGaussianPolicy(model, effort, 1));
                } catch (final IllegalArgumentException e) {
                    throw new ConfigException("policy " + file + ": " + e.getMessage());
                }
            }
            policies.put(method.getKey(), loaded);
        }
        return policies;
    }
}
