package io.resgate.spring.service.runtime;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.StringUtils;

import io.resgate.spring.protocol.Subjects;
import io.resgate.spring.service.annotation.ResAccess;
import io.resgate.spring.service.annotation.ResAuth;
import io.resgate.spring.service.annotation.ResCall;
import io.resgate.spring.service.annotation.ResCollection;
import io.resgate.spring.service.annotation.ResGet;
import io.resgate.spring.service.annotation.ResModel;
import io.resgate.spring.service.annotation.ResResource;

/**
 * The description of one resource component, as read from its annotations: the resource pattern (placeholders
 * not yet resolved), the resource type, the ordering settings, the declarative access rule and the handler
 * methods. The annotation post-processor builds one per component and hands it to the registrar; the
 * {@link ResServiceRegistry} binds it (resolves the pattern, checks the handler signatures and parameters,
 * and creates the invocable handler methods).
 */
public final class ResEndpoint {

	private static final List<Class<? extends Annotation>> METHOD_ANNOTATIONS = List.of(ResGet.class,
			ResAccess.class, ResCall.class, ResAuth.class);

	private static final List<Class<? extends Annotation>> CANDIDATE_ANNOTATIONS = List.of(ResModel.class,
			ResCollection.class, ResResource.class, ResGet.class, ResAccess.class, ResCall.class, ResAuth.class);

	private final String beanName;

	private final Object bean;

	private final Class<?> type;

	private final ResourceKind kind;

	private final String pattern;

	private final boolean query;

	private final boolean parallel;

	private final String group;

	private final AccessRule accessRule;

	private final List<Handler> handlers;

	/**
	 * One handler method.
	 * @param requestType the request type it answers: {@code "get"}, {@code "access"}, {@code "call"} or
	 * {@code "auth"}
	 * @param name the call or auth method name ({@code "*"} for any), {@code null} for get and access handlers
	 * @param method the annotated method
	 * @param timeout the pre-response timeout as written in the annotation, empty for none
	 * @param parallel whether its requests skip the per-resource ordering
	 */
	public record Handler(String requestType, String name, Method method, String timeout, boolean parallel) {
	}

	/**
	 * A declarative access rule: SpEL expressions evaluated for each access request (see {@link ResAccess}).
	 * @param get the expression deciding get access, empty for none
	 * @param call the expression deciding call access, empty for none
	 * @param parallel whether access requests skip the per-resource ordering
	 */
	public record AccessRule(String get, String call, boolean parallel) {
	}

	private ResEndpoint(String beanName, Object bean, Class<?> type, ResourceKind kind, String pattern,
			boolean query, boolean parallel, String group, AccessRule accessRule, List<Handler> handlers) {
		this.beanName = beanName;
		this.bean = bean;
		this.type = type;
		this.kind = kind;
		this.pattern = pattern;
		this.query = query;
		this.parallel = parallel;
		this.group = group;
		this.accessRule = accessRule;
		this.handlers = List.copyOf(handlers);
	}

	/**
	 * Tells if a class is a resource component or declares handler methods.
	 * @param type the class
	 * @return whether it has any of the service annotations
	 * @throws IllegalStateException if a method has more than one handler annotation
	 */
	public static boolean isCandidate(Class<?> type) {
		if (!AnnotationUtils.isCandidateClass(type, CANDIDATE_ANNOTATIONS)) {
			return false;
		}
		if (AnnotatedElementUtils.hasAnnotation(type, ResModel.class)
				|| AnnotatedElementUtils.hasAnnotation(type, ResCollection.class)
				|| AnnotatedElementUtils.hasAnnotation(type, ResResource.class)) {
			return true;
		}
		return !handlerMethods(type).isEmpty();
	}

	private static Map<Method, Annotation> handlerMethods(Class<?> type) {
		return MethodIntrospector.selectMethods(type, (MethodIntrospector.MetadataLookup<Annotation>) m -> {
			Annotation found = null;
			for (Class<? extends Annotation> a : METHOD_ANNOTATIONS) {
				Annotation ann = AnnotatedElementUtils.findMergedAnnotation(m, a);
				if (ann != null) {
					if (found != null) {
						throw new IllegalStateException("RES handler " + m.toGenericString() + " has both @"
								+ found.annotationType().getSimpleName() + " and @" + a.getSimpleName());
					}
					found = ann;
				}
			}
			return found;
		});
	}

	/**
	 * Reads the annotations of a resource component.
	 * @param beanName the bean name, for messages
	 * @param bean the object handlers are invoked on
	 * @param type the annotated class (the target class of a proxy)
	 * @return the endpoint
	 * @throws IllegalStateException if the annotations are inconsistent (no resource annotation, two of them,
	 * two get or access handlers, an invalid method name, a get handler on a {@code @ResResource}...)
	 */
	public static ResEndpoint fromAnnotations(String beanName, Object bean, Class<?> type) {
		Objects.requireNonNull(bean, "bean");
		ResModel model = AnnotatedElementUtils.findMergedAnnotation(type, ResModel.class);
		ResCollection collection = AnnotatedElementUtils.findMergedAnnotation(type, ResCollection.class);
		ResResource resource = AnnotatedElementUtils.findMergedAnnotation(type, ResResource.class);
		int count = (model != null ? 1 : 0) + (collection != null ? 1 : 0) + (resource != null ? 1 : 0);
		String where = "bean '" + beanName + "' (" + type.getName() + ")";
		if (count == 0) {
			throw new IllegalStateException("RES handler methods in " + where
					+ ", which is not annotated with @ResModel, @ResCollection or @ResResource");
		}
		if (count > 1) {
			throw new IllegalStateException(where + " has more than one of @ResModel, @ResCollection, @ResResource");
		}
		ResourceKind kind;
		String pattern;
		boolean query = false;
		boolean parallel;
		String group;
		if (model != null) {
			kind = ResourceKind.MODEL;
			pattern = model.value();
			query = model.query();
			parallel = model.parallel();
			group = model.group();
		}
		else if (collection != null) {
			kind = ResourceKind.COLLECTION;
			pattern = collection.value();
			query = collection.query();
			parallel = collection.parallel();
			group = collection.group();
		}
		else {
			kind = ResourceKind.NONE;
			pattern = resource.value();
			parallel = resource.parallel();
			group = resource.group();
		}
		AccessRule rule = accessRule(type, where);
		List<Handler> handlers = new ArrayList<>();
		boolean get = false;
		boolean access = false;
		List<String> calls = new ArrayList<>();
		List<String> auths = new ArrayList<>();
		for (Map.Entry<Method, Annotation> e : handlerMethods(type).entrySet()) {
			Method m = e.getKey();
			Annotation a = e.getValue();
			String mwhere = m.toGenericString();
			if (a instanceof ResGet g) {
				if (kind == ResourceKind.NONE) {
					throw new IllegalStateException("@ResGet on " + mwhere
							+ ": a get handler needs @ResModel or @ResCollection on the class, not @ResResource");
				}
				if (get) {
					throw new IllegalStateException(where + " has two @ResGet methods");
				}
				get = true;
				handlers.add(new Handler("get", null, m, g.timeout(), g.parallel()));
			}
			else if (a instanceof ResAccess ac) {
				if (access) {
					throw new IllegalStateException(where + " has two @ResAccess methods");
				}
				if (StringUtils.hasText(ac.get()) || StringUtils.hasText(ac.call())) {
					throw new IllegalStateException("@ResAccess on " + mwhere + ": get and call rules belong on the "
							+ "class; an @ResAccess method decides access itself");
				}
				if (rule != null) {
					throw new IllegalStateException(where + " has both an access rule (@ResAccess on the class) "
							+ "and an @ResAccess method " + mwhere);
				}
				access = true;
				handlers.add(new Handler("access", null, m, "", ac.parallel()));
			}
			else if (a instanceof ResCall c) {
				String name = methodName(c.value(), m, "@ResCall");
				if (calls.contains(name)) {
					throw new IllegalStateException(where + " has two handlers for call method '" + name + "'");
				}
				calls.add(name);
				handlers.add(new Handler("call", name, m, c.timeout(), c.parallel()));
			}
			else if (a instanceof ResAuth au) {
				String name = methodName(au.value(), m, "@ResAuth");
				if (auths.contains(name)) {
					throw new IllegalStateException(where + " has two handlers for auth method '" + name + "'");
				}
				auths.add(name);
				handlers.add(new Handler("auth", name, m, au.timeout(), au.parallel()));
			}
		}
		if (handlers.isEmpty() && rule == null) {
			throw new IllegalStateException(where + " declares no @ResGet, @ResAccess, @ResCall or @ResAuth method");
		}
		return new ResEndpoint(beanName, bean, type, kind, pattern, query, parallel, group, rule, handlers);
	}

	private static AccessRule accessRule(Class<?> type, String where) {
		ResAccess a = AnnotatedElementUtils.findMergedAnnotation(type, ResAccess.class);
		if (a == null) {
			return null;
		}
		if (!StringUtils.hasText(a.get()) && !StringUtils.hasText(a.call())) {
			throw new IllegalStateException("@ResAccess on " + where
					+ " has no rule: give a get and/or call expression, such as @ResAccess(get = \"token != null\")");
		}
		return new AccessRule(a.get().trim(), a.call().trim(), a.parallel());
	}

	private static String methodName(String declared, Method m, String annotation) {
		String name = StringUtils.hasText(declared) ? declared : m.getName();
		if (!name.equals("*") && !Subjects.isValidMethod(name)) {
			throw new IllegalStateException(annotation + "(\"" + name + "\") on " + m.toGenericString()
					+ ": invalid method name (printable ASCII without '.', '?', '*', '>' or spaces)");
		}
		return name;
	}

	/** @return the bean name, for messages */
	public String beanName() {
		return beanName;
	}

	/** @return the object handlers are invoked on */
	public Object bean() {
		return bean;
	}

	/** @return the annotated class */
	public Class<?> type() {
		return type;
	}

	/** @return the resource type */
	public ResourceKind kind() {
		return kind;
	}

	/** @return the resource pattern as written, placeholders such as {@code ${app.prefix}} not yet resolved */
	public String pattern() {
		return pattern;
	}

	/** @return whether the resources are query resources */
	public boolean query() {
		return query;
	}

	/** @return whether requests are handled in parallel instead of one at a time per resource */
	public boolean parallel() {
		return parallel;
	}

	/** @return the worker group, empty for the resource name */
	public String group() {
		return group;
	}

	/** @return the declarative access rule, or {@code null} */
	public AccessRule accessRule() {
		return accessRule;
	}

	/** @return the handler methods */
	public List<Handler> handlers() {
		return handlers;
	}

	@Override
	public String toString() {
		return "ResEndpoint[bean '" + beanName + "', " + kind + " '" + pattern + "']";
	}
}
