package io.resgate.spring.service.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

import tools.jackson.databind.JsonNode;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.expression.BeanResolver;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolverComposite;
import org.springframework.validation.Validator;

import io.resgate.spring.messaging.ConnectionEvent;
import io.resgate.spring.messaging.MessageSubscription;
import io.resgate.spring.messaging.Messaging;
import io.resgate.spring.messaging.Timers;
import io.resgate.spring.protocol.ResCodec;
import io.resgate.spring.service.ResExceptionHandler;
import io.resgate.spring.service.events.ResEvents;

/**
 * The running RES service: holds the registered resource components, subscribes to their request
 * subjects when started, handles requests on per-resource workers, announces {@code system.reset} on
 * start and after every reconnect, and drains in-flight work when stopped.
 *
 * <p>Spring Boot creates one from the {@code resgate.service.*} properties; the test kit creates its
 * own. Register components before {@link #start()}.
 */
public final class ResServiceRegistry implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog("io.resgate.spring.service");

	/** The lifecycle phase: started before and stopped after the web server and gateway. */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private final ServiceCore core;

	private final EndpointFactory factory;

	private final HandlerMethodArgumentResolverComposite resolvers = new HandlerMethodArgumentResolverComposite();

	private final List<ResHandlerInterceptor> interceptors = new ArrayList<>();

	private boolean registered;

	private final RequestDispatcher dispatcher;

	private final DefaultResEvents events;

	private final String queueGroup;

	private final boolean resetOnStart;

	private final Duration drainTimeout;

	private final ServiceStats stats = new ServiceStats();

	private final List<MessageSubscription> subscriptions = new ArrayList<>();

	private final AtomicBoolean listening = new AtomicBoolean();

	private volatile boolean running;

	private ResServiceRegistry(Builder b) {
		ScheduledExecutorService timer = Timers.singleThread("res-service-timer");
		this.core = new ServiceCore(b.messaging, b.codec, new KeyedWorkers(b.workers, "res-service-"), timer,
				b.queryEventDuration, new ServiceObservations(b.observationRegistry));
		this.events = new DefaultResEvents(core, this::ownedResources, this::ownedAccess);
		core.events(events);
		this.resolvers.addResolvers(new ArgumentResolvers(core, b.conversionService, b.validator).builtIn());
		this.resolvers.addResolvers(b.argumentResolvers);
		this.interceptors.addAll(b.interceptors);
		this.factory = new EndpointFactory(core, resolvers, interceptors, b.placeholderResolver, b.beanResolver);
		this.dispatcher = new RequestDispatcher(core, new ErrorMapper(b.exceptionHandlers), b.maxPending, stats);
		this.queueGroup = (b.queueGroup == null || b.queueGroup.isEmpty()) ? null : b.queueGroup;
		this.resetOnStart = b.resetOnStart;
		this.drainTimeout = b.drainTimeout;
	}

	/**
	 * Starts building a registry.
	 * @param messaging the messaging system to serve on
	 * @param codec the JSON codec
	 * @return the builder
	 */
	public static Builder builder(Messaging messaging, ResCodec codec) {
		return new Builder(messaging, codec);
	}

	/**
	 * Tells if a class is a resource component ({@code @ResModel}, {@code @ResCollection},
	 * {@code @ResResource}) or declares RES handler methods.
	 * @param type the class
	 * @return whether {@link #register} should be called for its beans
	 */
	public static boolean isResourceComponent(Class<?> type) {
		return ResEndpoint.isCandidate(type);
	}

	/**
	 * Adds argument resolvers for handler parameters the built-in ones do not support; asked after them, in
	 * order. The message they resolve from has the {@link io.resgate.spring.service.ResRequest} as payload.
	 * @param argumentResolvers the resolvers
	 * @throws IllegalStateException if components were registered already
	 */
	public synchronized void addArgumentResolvers(List<? extends HandlerMethodArgumentResolver> argumentResolvers) {
		checkNotRegistered("argument resolvers");
		resolvers.addResolvers(argumentResolvers);
	}

	/**
	 * Adds interceptors run around the invocations of the handler methods they apply to, after those
	 * already added.
	 * @param handlerInterceptors the interceptors
	 * @throws IllegalStateException if components were registered already
	 */
	public synchronized void addInterceptors(List<? extends ResHandlerInterceptor> handlerInterceptors) {
		checkNotRegistered("interceptors");
		interceptors.addAll(handlerInterceptors);
	}

	private void checkNotRegistered(String what) {
		if (registered) {
			throw new IllegalStateException("Add " + what + " before registering RES components");
		}
	}

	/**
	 * Registers a resource component.
	 * @param component the annotated object
	 * @throws IllegalStateException if its pattern, signatures or handlers are invalid or conflict with others
	 */
	public void register(Object component) {
		register(component.getClass().getSimpleName(), component, component.getClass());
	}

	/**
	 * Registers a resource component whose annotations are on a given class (the target of a proxy).
	 * @param name the bean name, for messages
	 * @param component the object handlers are invoked on
	 * @param type the annotated class
	 * @throws IllegalStateException if its pattern, signatures or handlers are invalid or conflict with others
	 */
	public void register(String name, Object component, Class<?> type) {
		register(ResEndpoint.fromAnnotations(name, component, type));
	}

	/**
	 * Registers a resource component from its description.
	 * @param endpoint the endpoint read from the component's annotations
	 * @throws IllegalStateException if its pattern, signatures or handlers are invalid or conflict with others
	 */
	public synchronized void register(ResEndpoint endpoint) {
		if (running) {
			throw new IllegalStateException("Register RES components before the service starts: "
					+ endpoint.beanName());
		}
		registered = true;
		core.router().add(factory.create(endpoint));
	}

	/**
	 * The registered resource components.
	 * @return one entry per component, most specific patterns first
	 */
	public List<RegisteredResource> resources() {
		return core.router().endpoints().stream()
			.map(e -> new RegisteredResource(e.beanName(), e.componentType(), e.pattern().source(), e.kind(),
					e.query(), e.pattern().placeholders(), e.get() != null))
			.toList();
	}

	/**
	 * Runs the get handler of a resource on the calling thread, as a get request would, and returns its value as
	 * JSON, for values computed in-process (such as the store layer's states before and after a write). The
	 * handler runs outside the resource's worker, within whatever transaction the calling thread has.
	 * @param rid the resource ID, with the query of a query resource
	 * @return the model (an object) or collection (an array), or empty if the resource is not found
	 * @throws IllegalArgumentException if no get handler serves the resource
	 * @throws io.resgate.spring.protocol.ResException if the handler answers with another error
	 */
	public Optional<JsonNode> value(String rid) {
		return Optional.ofNullable(dispatcher.value(rid));
	}

	/**
	 * Converts a handler's value to the JSON a response carries it as: maps with sorted keys, records and POJOs
	 * in declaration order, references as {@code {"rid":...}}.
	 * @param value the value
	 * @return the JSON
	 */
	public JsonNode toJson(Object value) {
		return core.toTree(value);
	}

	/** @return whether {@code system.reset} is sent on start and after every reconnect */
	public boolean isResetOnStart() {
		return resetOnStart;
	}

	/** @return the event publisher of this service */
	public ResEvents events() {
		return events;
	}

	/**
	 * The resources this service owns, as patterns: those with get, call or auth handlers.
	 * @return the patterns, announced in {@code system.reset}
	 */
	public List<String> ownedResources() {
		return SubjectPatterns.minimal(core.router().endpoints().stream()
			.filter(ResourceEndpoint::servesResources)
			.map(e -> e.pattern().subjectPattern())
			.toList());
	}

	/**
	 * The resources whose access this service owns, as patterns: those with an access handler.
	 * @return the patterns, announced in {@code system.reset}
	 */
	public List<String> ownedAccess() {
		return SubjectPatterns.minimal(core.router().endpoints().stream()
			.filter(e -> e.access() != null)
			.map(e -> e.pattern().subjectPattern())
			.toList());
	}

	/**
	 * The resource components with a get handler whose resources no access handler of this service
	 * covers. On the in-process bus nobody else can answer their access requests, so clients get
	 * {@code system.notFound} for them.
	 * @return descriptions of the components and their patterns, such as {@code @ResModel("a.$id") bean 'a'}
	 */
	public List<String> getHandlersWithoutAccess() {
		List<ResourceEndpoint> endpoints = core.router().endpoints();
		List<String> accessPatterns = endpoints.stream()
			.filter(e -> e.access() != null)
			.map(e -> e.pattern().subjectPattern())
			.toList();
		return endpoints.stream()
			.filter(e -> e.get() != null)
			.filter(e -> accessPatterns.stream().noneMatch(a -> SubjectPatterns.covers(a, e.pattern().subjectPattern())))
			.map(ResourceEndpoint::describe)
			.toList();
	}

	/**
	 * The request subjects this service subscribes to.
	 * @return the subject patterns
	 */
	public List<String> subjects() {
		List<String> subjects = new ArrayList<>();
		for (String type : List.of("get", "call", "auth")) {
			for (String p : ownedResources()) {
				subjects.add(type + "." + p + ((type.equals("get") || p.endsWith(">")) ? "" : ".*"));
			}
		}
		for (String p : ownedAccess()) {
			subjects.add("access." + p);
		}
		return SubjectPatterns.minimal(subjects);
	}

	@Override
	public synchronized void start() {
		if (running) {
			return;
		}
		if (listening.compareAndSet(false, true)) {
			core.messaging().addConnectionListener(this::onConnectionEvent);
		}
		dispatcher.startAccepting();
		for (String subject : subjects()) {
			subscriptions.add(core.messaging().subscribe(subject, queueGroup, dispatcher));
		}
		running = true;
		logger.info("RES service serving " + subjects() + " on " + core.messaging().describe()
				+ ((queueGroup != null) ? " in queue group " + queueGroup : ""));
		if (resetOnStart) {
			events.resetAll();
		}
	}

	private void onConnectionEvent(ConnectionEvent event) {
		if (event == ConnectionEvent.RECONNECTED && running) {
			long unsent = core.takeUnsentCount();
			logger.info("Reconnected to " + core.messaging().describe() + "; sending system.reset"
					+ ((unsent > 0) ? " (" + unsent + " event(s) and response(s) could not be sent meanwhile)" : ""));
			events.resetAll();
		}
	}

	@Override
	public void stop() {
		stop(() -> {
		});
	}

	@Override
	public synchronized void stop(Runnable callback) {
		if (!running) {
			callback.run();
			return;
		}
		running = false;
		dispatcher.stopAccepting();
		for (MessageSubscription s : subscriptions) {
			try {
				s.unsubscribe();
			}
			catch (RuntimeException ex) {
				logger.warn("Failed to unsubscribe " + s.subject() + ": " + ex.getMessage());
			}
		}
		subscriptions.clear();
		core.workers().whenIdle().orTimeout(drainTimeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((r, ex) -> {
			if (ex != null) {
				logger.warn("RES service stopped with requests still in progress after " + drainTimeout);
			}
			callback.run();
		});
	}

	/** Stops the worker threads for good. */
	public void shutdown() {
		stop();
		core.workers().shutdown();
		core.timer().shutdownNow();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/** @return the number of requests received and not yet answered, for monitoring */
	public int pendingRequests() {
		return core.workers().pending();
	}

	/** @return the totals of answered requests, for monitoring */
	public ServiceStats stats() {
		return stats;
	}

	/** @return a description of the messaging system this service serves on */
	public String transport() {
		return core.messaging().describe();
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * Builds a {@link ResServiceRegistry}.
	 */
	public static final class Builder {

		private final Messaging messaging;

		private final ResCodec codec;

		private String queueGroup;

		private int workers = 16;

		private int maxPending = 10000;

		private boolean resetOnStart = true;

		private Duration queryEventDuration = Duration.ofSeconds(3);

		private Duration drainTimeout = Duration.ofSeconds(10);

		private ConversionService conversionService = DefaultConversionService.getSharedInstance();

		private Validator validator;

		private List<ResExceptionHandler> exceptionHandlers = List.of();

		private UnaryOperator<String> placeholderResolver = UnaryOperator.identity();

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private List<HandlerMethodArgumentResolver> argumentResolvers = List.of();

		private List<ResHandlerInterceptor> interceptors = List.of();

		private BeanResolver beanResolver;

		private Builder(Messaging messaging, ResCodec codec) {
			this.messaging = Objects.requireNonNull(messaging, "messaging");
			this.codec = Objects.requireNonNull(codec, "codec");
		}

		/**
		 * @param queueGroup the queue group of the request subscriptions, or {@code null} for none
		 * @return this builder
		 */
		public Builder queueGroup(String queueGroup) {
			this.queueGroup = queueGroup;
			return this;
		}

		/**
		 * @param workers the number of worker threads (at least 1)
		 * @return this builder
		 */
		public Builder workers(int workers) {
			if (workers < 1) {
				throw new IllegalArgumentException("workers must be at least 1");
			}
			this.workers = workers;
			return this;
		}

		/**
		 * @param maxPending the largest number of requests queued or in progress; more are answered with
		 * {@code system.internalError} at once. 0 for no limit.
		 * @return this builder
		 */
		public Builder maxPending(int maxPending) {
			if (maxPending < 0) {
				throw new IllegalArgumentException("maxPending must not be negative");
			}
			this.maxPending = maxPending;
			return this;
		}

		/**
		 * @param resetOnStart whether to send {@code system.reset} on start and reconnect
		 * @return this builder
		 */
		public Builder resetOnStart(boolean resetOnStart) {
			this.resetOnStart = resetOnStart;
			return this;
		}

		/**
		 * @param duration how long query requests are accepted after a query event
		 * @return this builder
		 */
		public Builder queryEventDuration(Duration duration) {
			this.queryEventDuration = Objects.requireNonNull(duration);
			return this;
		}

		/**
		 * @param timeout how long stopping waits for requests in progress
		 * @return this builder
		 */
		public Builder drainTimeout(Duration timeout) {
			this.drainTimeout = Objects.requireNonNull(timeout);
			return this;
		}

		/**
		 * @param conversionService converts placeholder and query values
		 * @return this builder
		 */
		public Builder conversionService(ConversionService conversionService) {
			this.conversionService = Objects.requireNonNull(conversionService);
			return this;
		}

		/**
		 * @param validator validates {@code @Valid @ResParams} arguments, or {@code null}
		 * @return this builder
		 */
		public Builder validator(Validator validator) {
			this.validator = validator;
			return this;
		}

		/**
		 * @param handlers exception handlers, asked in order
		 * @return this builder
		 */
		public Builder exceptionHandlers(List<ResExceptionHandler> handlers) {
			this.exceptionHandlers = List.copyOf(handlers);
			return this;
		}

		/**
		 * @param resolver resolves {@code ${...}} placeholders in resource patterns
		 * @return this builder
		 */
		public Builder placeholderResolver(UnaryOperator<String> resolver) {
			this.placeholderResolver = Objects.requireNonNull(resolver);
			return this;
		}

		/**
		 * @param registry observes every request handled ({@code resgate.service.handle}, continuing the trace
		 * context in the request's headers) and every event published in an observation
		 * ({@code resgate.service.event}, its trace context sent in the event's headers); the default,
		 * {@link ObservationRegistry#NOOP}, observes nothing
		 * @return this builder
		 */
		public Builder observationRegistry(ObservationRegistry registry) {
			this.observationRegistry = Objects.requireNonNull(registry);
			return this;
		}

		/**
		 * @param resolvers argument resolvers for handler parameters the built-in ones do not support, asked
		 * after them in order (see {@link ResServiceRegistry#addArgumentResolvers})
		 * @return this builder
		 */
		public Builder argumentResolvers(List<? extends HandlerMethodArgumentResolver> resolvers) {
			this.argumentResolvers = List.copyOf(resolvers);
			return this;
		}

		/**
		 * @param interceptors interceptors run around the invocations of the handler methods they apply to
		 * @return this builder
		 */
		public Builder interceptors(List<? extends ResHandlerInterceptor> interceptors) {
			this.interceptors = List.copyOf(interceptors);
			return this;
		}

		/**
		 * @param resolver resolves {@code @bean} references in the expressions of {@code @ResAccess} rules, or
		 * {@code null} for none
		 * @return this builder
		 */
		public Builder beanResolver(BeanResolver resolver) {
			this.beanResolver = resolver;
			return this;
		}

		/** @return the registry */
		public ResServiceRegistry build() {
			return new ResServiceRegistry(this);
		}
	}
}
