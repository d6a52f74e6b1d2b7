package dev.sparring.trainer.colearn.taskalloc;

import dev.sparring.hal.random.SplitMix64;

import java.util.Arrays;

/**
 * The distributed task-allocation network, simulated in discrete time units. Every agent has a routing queue
 * (tasks waiting for a decision) and a processing queue (tasks it will serve, first in first out). One time unit
 * {@code t} runs, in this order:
 * <ol>
 *   <li>forwarded tasks due at {@code t} join the routing queue of the neighbour they were sent to;</li>
 *   <li>each agent's new task arrives with probability {@code λ} (its type's), needing a uniform integer work in
 *       {@code [minWork, maxWork]}, and joins its routing queue;</li>
 *   <li>each agent takes up to {@code routingCapacity} tasks from its routing queue and decides, per task, to
 *       process it ({@link GridNetwork#LOCAL}: it joins the processing queue) or forward it to a neighbour (it is
 *       due there at {@code t + hopDelay});</li>
 *   <li>each agent serves its processing queue with {@code μ} work units (its type's), carrying capacity left by a
 *       finished task to the next; a task finished in unit {@code t} completes at {@code t + 1}, and its service
 *       time is {@code t + 1 −} its arrival time.</li>
 * </ol>
 * When a task completes, every decision that routed it becomes an experience tuple with reward
 * {@code −(t + 1 − decision time)} ({@link ExperienceSink}). Arrivals and task sizes come from their own random
 * stream, drawn whether or not a task arrives, so that every method sees the same tasks on a seed.
 *
 * <p>State lives in primitive arrays (tasks and decisions in pools with free lists, queues as linked lists), so a
 * time unit allocates nothing once the pools have grown to the load.
 */
public final class TaskNetwork {
    /** Values in an observation. */
    public static final int OBSERVATION_SIZE = 7;
    /** Observation index: the task's work. */
    public static final int TASK_WORK = 0;
    /** Observation index: work waiting in the agent's processing queue. */
    public static final int OWN_WORK = 1;
    /** Observation index: tasks still waiting in the agent's routing queue. */
    public static final int OWN_ROUTING = 2;
    /** Observation index of the first of 4 neighbours' processing-queue work (N, E, S, W; −1 when absent). */
    public static final int NEIGHBOUR_WORK = 3;

    private static final int NIL = -1;
    private static final double EPSILON = 1e-9;

    private final GridNetwork grid;
    private final NetworkConfig config;
    private final int[] typeOf;
    private final double[] speed;
    private final double[] arrivalRate;
    private final SplitMix64 arrivals;

    private double[] taskWork = new double[64];
    private double[] taskRemaining = new double[64];
    private int[] taskArrival = new int[64];
    private int[] taskNext = new int[64];
    private int[] taskTarget = new int[64];
    private int[] taskDue = new int[64];
    private int[] taskLastDecision = new int[64];
    private int taskFree = NIL;
    private int taskHighWater;

    private int[] decisionAgent = new int[64];
    private int[] decisionTime = new int[64];
    private int[] decisionAction = new int[64];
    private int[] decisionPrevious = new int[64];
    private double[] decisionObservation = new double[64 * OBSERVATION_SIZE];
    private double[] decisionNextObservation = new double[64 * OBSERVATION_SIZE];
    private int decisionFree = NIL;
    private int decisionHighWater;

    private final int[] processingHead;
    private final int[] processingTail;
    private final int[] processingCount;
    private final double[] processingWork;
    private final int[] routingHead;
    private final int[] routingTail;
    private final int[] routingCount;
    private int flightHead = NIL;
    private int flightTail = NIL;
    private int inFlight;

    private final double[] observation = new double[OBSERVATION_SIZE];
    private final double[] nextObservation = new double[OBSERVATION_SIZE];
    private int time;
    private long arrived;
    private long completed;
    private long decisions;
    private double serviceTimeSum;

    /**
     * @param config      the network.
     * @param typeOf      each agent's type, an index into {@code config.types()}.
     * @param arrivalSeed the seed of arrivals and task sizes.
     */
    public TaskNetwork(final NetworkConfig config, final int[] typeOf, final long arrivalSeed) {
        this.config = config;
        this.grid = new GridNetwork(config.rows(), config.cols());
        final int n = grid.agents();
        if (typeOf.length != n) {
            throw new IllegalArgumentException("typeOf needs one type per agent (" + n + "), had " + typeOf.length);
        }
        this.typeOf = typeOf.clone();
        this.speed = new double[n];
        this.arrivalRate = new double[n];
        for (int agent = 0; agent < n; agent++) {
            final AgentType type = config.types().get(typeOf[agent]);
            speed[agent] = type.speed();
            arrivalRate[agent] = type.arrivalRate();
        }
        this.arrivals = new SplitMix64(arrivalSeed);
        this.processingHead = filled(n, NIL);
        this.processingTail = filled(n, NIL);
        this.processingCount = new int[n];
        this.processingWork = new double[n];
        this.routingHead = filled(n, NIL);
        this.routingTail = filled(n, NIL);
        this.routingCount = new int[n];
    }

    /**
     * @param config the network.
     * @param seed   the seed of the draw.
     * @return each agent's hidden type, drawn uniformly from {@code config.types()}.
     */
    public static int[] drawTypes(final NetworkConfig config, final long seed) {
        final SplitMix64 random = new SplitMix64(seed);
        final int[] typeOf = new int[config.agents()];
        for (int agent = 0; agent < typeOf.length; agent++) {
            typeOf[agent] = random.nextInt(config.types().size());
        }
        return typeOf;
    }

    /**
     * Runs one time unit.
     *
     * @param router decides where each task goes.
     * @param sink   receives the experience tuples of the tasks that complete.
     */
    public void step(final TaskRouter router, final ExperienceSink sink) {
        final int t = time;
        final int n = grid.agents();
        while (flightHead != NIL && taskDue[flightHead] == t) {
            final int task = flightHead;
            flightHead = taskNext[task];
            if (flightHead == NIL) {
                flightTail = NIL;
            }
            inFlight--;
            appendRouting(taskTarget[task], task);
        }
        final int minWork = config.minWork();
        final int workRange = config.maxWork() - minWork + 1;
        for (int agent = 0; agent < n; agent++) {
            final double u = arrivals.nextDouble();
            final int work = minWork + arrivals.nextInt(workRange);
            if (u < arrivalRate[agent]) {
                arrive(agent, work);
            }
        }
        final int capacity = config.routingCapacity();
        for (int agent = 0; agent < n; agent++) {
            for (int k = 0; k < capacity && routingHead[agent] != NIL; k++) {
                route(agent, popRouting(agent), router);
            }
        }
        for (int agent = 0; agent < n; agent++) {
            serve(agent, sink);
        }
        time = t + 1;
    }

    /**
     * A task arrives at an agent now (before the next {@link #step}'s routing), as tests build scenarios by hand.
     *
     * @param agent the agent.
     * @param work  the task's work, > 0.
     */
    public void inject(final int agent, final double work) {
        if (!(work > 0.0)) {
            throw new IllegalArgumentException("a task's work must be > 0, was " + work);
        }
        arrive(agent, work);
    }

    private void arrive(final int agent, final double work) {
        final int task = allocateTask();
        taskWork[task] = work;
        taskRemaining[task] = work;
        taskArrival[task] = time;
        taskLastDecision[task] = NIL;
        arrived++;
        appendRouting(agent, task);
    }

    private void route(final int agent, final int task, final TaskRouter router) {
        observe(agent, task);
        final int mask = grid.validMask(agent);
        final int action = router.decide(agent, observation, mask);
        if (action < 0 || action >= GridNetwork.ACTIONS || (mask & 1 << action) == 0) {
            throw new IllegalStateException("agent " + agent + " chose invalid action " + action);
        }
        System.arraycopy(observation, 0, nextObservation, 0, OBSERVATION_SIZE);
        if (action == GridNetwork.LOCAL) {
            nextObservation[OWN_WORK] += taskWork[task];
        }
        final int decision = allocateDecision();
        decisionAgent[decision] = agent;
        decisionTime[decision] = time;
        decisionAction[decision] = action;
        decisionPrevious[decision] = taskLastDecision[task];
        System.arraycopy(observation, 0, decisionObservation, decision * OBSERVATION_SIZE, OBSERVATION_SIZE);
        System.arraycopy(nextObservation, 0, decisionNextObservation, decision * OBSERVATION_SIZE, OBSERVATION_SIZE);
        taskLastDecision[task] = decision;
        decisions++;
        if (action == GridNetwork.LOCAL) {
            taskNext[task] = NIL;
            if (processingTail[agent] == NIL) {
                processingHead[agent] = task;
            } else {
                taskNext[processingTail[agent]] = task;
            }
            processingTail[agent] = task;
            processingCount[agent]++;
            processingWork[agent] += taskRemaining[task];
        } else {
            taskTarget[task] = grid.target(agent, action);
            taskDue[task] = time + config.hopDelay();
            taskNext[task] = NIL;
            if (flightTail == NIL) {
                flightHead = task;
            } else {
                taskNext[flightTail] = task;
            }
            flightTail = task;
            inFlight++;
        }
    }

    private void observe(final int agent, final int task) {
        observation[TASK_WORK] = taskWork[task];
        observation[OWN_WORK] = processingWork[agent];
        observation[OWN_ROUTING] = routingCount[agent];
        for (int d = 0; d < 4; d++) {
            final int neighbour = grid.target(agent, GridNetwork.NORTH + d);
            observation[NEIGHBOUR_WORK + d] = neighbour == GridNetwork.NONE ? -1.0 : processingWork[neighbour];
        }
    }

    private void serve(final int agent, final ExperienceSink sink) {
        double capacity = speed[agent];
        while (capacity > EPSILON && processingHead[agent] != NIL) {
            final int task = processingHead[agent];
            final double remaining = taskRemaining[task];
            if (remaining <= capacity + EPSILON) {
                capacity -= remaining;
                processingHead[agent] = taskNext[task];
                if (processingHead[agent] == NIL) {
                    processingTail[agent] = NIL;
                }
                processingCount[agent]--;
                processingWork[agent] = processingCount[agent] == 0 ? 0.0 : processingWork[agent] - remaining;
                complete(task, sink);
            } else {
                taskRemaining[task] = remaining - capacity;
                processingWork[agent] -= capacity;
                capacity = 0.0;
            }
        }
    }

    private void complete(final int task, final ExperienceSink sink) {
        final int doneTime = time + 1;
        completed++;
        serviceTimeSum += doneTime - taskArrival[task];
        int decision = taskLastDecision[task];
        while (decision != NIL) {
            System.arraycopy(decisionObservation, decision * OBSERVATION_SIZE, observation, 0, OBSERVATION_SIZE);
            System.arraycopy(decisionNextObservation, decision * OBSERVATION_SIZE, nextObservation, 0,
                OBSERVATION_SIZE);
            sink.transition(decisionAgent[decision], observation, decisionAction[decision],
                -(doneTime - decisionTime[decision]), nextObservation);
            final int previous = decisionPrevious[decision];
            decisionPrevious[decision] = decisionFree;
            decisionFree = decision;
            decision = previous;
        }
        taskNext[task] = taskFree;
        taskFree = task;
    }

    private void appendRouting(final int agent, final int task) {
        taskNext[task] = NIL;
        if (routingTail[agent] == NIL) {
            routingHead[agent] = task;
        } else {
            taskNext[routingTail[agent]] = task;
        }
        routingTail[agent] = task;
        routingCount[agent]++;
    }

    private int popRouting(final int agent) {
        final int task = routingHead[agent];
        routingHead[agent] = taskNext[task];
        if (routingHead[agent] == NIL) {
            routingTail[agent] = NIL;
        }
        routingCount[agent]--;
        return task;
    }

    private int allocateTask() {
        if (taskFree != NIL) {
            final int task = taskFree;
            taskFree = taskNext[task];
            return task;
        }
        if (taskHighWater == taskWork.length) {
            final int size = taskWork.length * 2;
            taskWork = Arrays.copyOf(taskWork, size);
            taskRemaining = Arrays.copyOf(taskRemaining, size);
            taskArrival = Arrays.copyOf(taskArrival, size);
            taskNext = Arrays.copyOf(taskNext, size);
            taskTarget = Arrays.copyOf(taskTarget, size);
            taskDue = Arrays.copyOf(taskDue, size);
            taskLastDecision = Arrays.copyOf(taskLastDecision, size);
        }
        return taskHighWater++;
    }

    private int allocateDecision() {
        if (decisionFree != NIL) {
            final int decision = decisionFree;
            decisionFree = decisionPrevious[decision];
            return decision;
        }
        if (decisionHighWater == decisionAgent.length) {
            final int size = decisionAgent.length * 2;
            decisionAgent = Arrays.copyOf(decisionAgent, size);
            decisionTime = Arrays.copyOf(decisionTime, size);
            decisionAction = Arrays.copyOf(decisionAction, size);
            decisionPrevious = Arrays.copyOf(decisionPrevious, size);
            decisionObservation = Arrays.copyOf(decisionObservation, size * OBSERVATION_SIZE);
            decisionNextObservation = Arrays.copyOf(decisionNextObservation, size * OBSERVATION_SIZE);
        }
        return decisionHighWater++;
    }

    private static int[] filled(final int n, final int value) {
        final int[] array = new int[n];
        Arrays.fill(array, value);
        return array;
    }

    /**
     * @return the topology.
     */
    public GridNetwork grid() {
        return grid;
    }

    /**
     * @param agent an agent.
     * @return its hidden type's index in the configuration's types.
     */
    public int typeOf(final int agent) {
        return typeOf[agent];
    }

    /**
     * @return time units run so far (the current time).
     */
    public int time() {
        return time;
    }

    /**
     * @return tasks that have arrived so far.
     */
    public long arrived() {
        return arrived;
    }

    /**
     * @return tasks completed so far.
     */
    public long completed() {
        return completed;
    }

    /**
     * @return routing decisions made so far.
     */
    public long decisions() {
        return decisions;
    }

    /**
     * @return the sum of the service times of the completed tasks.
     */
    public double serviceTimeSum() {
        return serviceTimeSum;
    }

    /**
     * @return tasks in the network: in routing queues, in processing queues and on links.
     */
    public long tasksInSystem() {
        long count = inFlight;
        for (int agent = 0; agent < routingCount.length; agent++) {
            count += routingCount[agent] + processingCount[agent];
        }
        return count;
    }

    /**
     * @param agent an agent.
     * @return the tasks in its processing queue.
     */
    public int processingCount(final int agent) {
        return processingCount[agent];
    }

    /**
     * @param agent an agent.
     * @return the work waiting in its processing queue.
     */
    public double processingWork(final int agent) {
        return processingWork[agent];
    }

    /**
     * @param agent an agent.
     * @return the tasks in its routing queue.
     */
    public int routingCount(final int agent) {
        return routingCount[agent];
    }

    /**
     * @return tasks on links.
     */
    public int inFlight() {
        return inFlight;
    }
}
