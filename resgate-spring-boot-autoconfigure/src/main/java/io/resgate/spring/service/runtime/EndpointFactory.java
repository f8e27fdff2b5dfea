package io.resgate.spring.service.runtime;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.util.StringUtils;

import io.resgate.spring.protocol.Subjects;
import io.resgate.spring.service.Access;
import io.resgate.spring.service.QueryResult;
import io.resgate.spring.service.ResResponse;
import io.resgate.spring.service.annotation.ResAccess;
import io.resgate.spring.service.annotation.ResAuth;
import io.resgate.spring.service.annotation.ResCall;
import io.resgate.spring.service.annotation.ResCollection;
import io.resgate.spring.service.annotation.ResGet;
import io.resgate.spring.service.annotation.ResModel;
import io.resgate.spring.service.annotation.ResResource;
import io.resgate.spring.service.runtime.HandlerMethod.ArgumentResolver;

/**
 * Reads the annotations of a component into a {@link ResourceEndpoint}, failing with a clear message on
 * invalid patterns and unsupported signatures.
 */
final class EndpointFactory {

	private static final List<Class<? extends Annotation>> METHOD_ANNOTATIONS = List.of(ResGet.class,
			ResAccess.class, ResCall.class, ResAuth.class);

	private static final List<Class<? extends Annotation>> CANDIDATE_ANNOTATIONS = List.of(ResModel.class,
			ResCollection.class, ResResource.class, ResGet.class, ResAccess.class, ResCall.class, ResAuth.class);

	private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

	private final ArgumentResolvers resolvers;

	private final UnaryOperator<String> placeholders;

	private final DefaultParameterNameDiscoverer names = new DefaultParameterNameDiscoverer();

	EndpointFactory(ArgumentResolvers resolvers, UnaryOperator<String> placeholders) {
		this.resolvers = resolvers;
		this.placeholders = placeholders;
	}

	/**
	 * Tells if a class is a resource component or declares handler methods.
	 * @param type the class
	 * @return whether it has any of the service annotations
	 */
	static boolean isCandidate(Class<?> type) {
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

	ResourceEndpoint create(String beanName, Object bean, Class<?> type) {
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
		String rawPattern;
		boolean query = false;
		boolean parallel;
		String group;
		if (model != null) {
			kind = ResourceKind.MODEL;
			rawPattern = model.value();
			query = model.query();
			parallel = model.parallel();
			group = model.group();
		}
		else if (collection != null) {
			kind = ResourceKind.COLLECTION;
			rawPattern = collection.value();
			query = collection.query();
			parallel = collection.parallel();
			group = collection.group();
		}
		else {
			kind = ResourceKind.NONE;
			rawPattern = resource.value();
			parallel = resource.parallel();
			group = resource.group();
		}
		HandlerPattern pattern;
		try {
			pattern = HandlerPattern.parse(placeholders.apply(rawPattern));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("Invalid RES resource pattern on " + where + ": " + ex.getMessage(), ex);
		}
		Matcher gm = Pattern.compile("\\$\\{([^}]*)}").matcher(group);
		while (gm.find()) {
			if (!pattern.placeholders().contains(gm.group(1))) {
				throw new IllegalStateException("Invalid group '" + group + "' on " + where + ": the pattern '"
						+ pattern + "' has no placeholder $" + gm.group(1));
			}
		}

		HandlerMethod get = null;
		HandlerMethod access = null;
		Map<String, HandlerMethod> calls = new LinkedHashMap<>();
		Map<String, HandlerMethod> auths = new LinkedHashMap<>();
		for (Map.Entry<Method, Annotation> e : handlerMethods(type).entrySet()) {
			Method method = AopUtils.selectInvocableMethod(e.getKey(), bean.getClass());
			Annotation a = e.getValue();
			String mwhere = e.getKey().toGenericString();
			if (a instanceof ResGet g) {
				if (kind == ResourceKind.NONE) {
					throw new IllegalStateException("@ResGet on " + mwhere
							+ ": a get handler needs @ResModel or @ResCollection on the class, not @ResResource");
				}
				if (get != null) {
					throw new IllegalStateException(where + " has two @ResGet methods");
				}
				checkReturn(e.getKey(), RequestType.GET, kind, query);
				get = handler(bean, method, e.getKey(), pattern, RequestType.GET, g.timeout(), g.parallel());
			}
			else if (a instanceof ResAccess ac) {
				if (access != null) {
					throw new IllegalStateException(where + " has two @ResAccess methods");
				}
				checkReturn(e.getKey(), RequestType.ACCESS, kind, query);
				access = handler(bean, method, e.getKey(), pattern, RequestType.ACCESS, "", ac.parallel());
			}
			else if (a instanceof ResCall c) {
				String name = methodName(c.value(), e.getKey(), "@ResCall");
				if (calls.containsKey(name)) {
					throw new IllegalStateException(where + " has two handlers for call method '" + name + "'");
				}
				calls.put(name, handler(bean, method, e.getKey(), pattern, RequestType.CALL, c.timeout(), c.parallel()));
			}
			else if (a instanceof ResAuth au) {
				String name = methodName(au.value(), e.getKey(), "@ResAuth");
				if (auths.containsKey(name)) {
					throw new IllegalStateException(where + " has two handlers for auth method '" + name + "'");
				}
				auths.put(name, handler(bean, method, e.getKey(), pattern, RequestType.AUTH, au.timeout(), au.parallel()));
			}
		}
		if (get == null && access == null && calls.isEmpty() && auths.isEmpty()) {
			throw new IllegalStateException(where + " declares no @ResGet, @ResAccess, @ResCall or @ResAuth method");
		}
		return new ResourceEndpoint(beanName, type, pattern, kind, query, parallel, group, get, access, calls, auths);
	}

	private static String methodName(String declared, Method m, String annotation) {
		String name = StringUtils.hasText(declared) ? declared : m.getName();
		if (!name.equals("*") && !Subjects.isValidMethod(name)) {
			throw new IllegalStateException(annotation + "(\"" + name + "\") on " + m.toGenericString()
					+ ": invalid method name (printable ASCII without '.', '?', '*', '>' or spaces)");
		}
		return name;
	}

	private HandlerMethod handler(Object bean, Method invocable, Method declared, HandlerPattern pattern,
			RequestType type, String timeout, boolean parallel) {
		List<ArgumentResolver> list = new ArrayList<>();
		for (int i = 0; i < declared.getParameterCount(); i++) {
			MethodParameter p = new MethodParameter(declared, i);
			p.initParameterNameDiscovery(names);
			list.add(resolvers.create(p, pattern, type));
		}
		return new HandlerMethod(bean, invocable, list.toArray(new ArgumentResolver[0]),
				parseTimeout(timeout, declared), parallel);
	}

	static Duration parseTimeout(String timeout, Method m) {
		if (!StringUtils.hasText(timeout)) {
			return null;
		}
		Matcher matcher = DURATION.matcher(timeout.trim());
		if (!matcher.matches()) {
			throw new IllegalStateException("Invalid timeout '" + timeout + "' on " + m.toGenericString()
					+ ": use a number with an optional unit ms, s, m or h, such as \"10s\"");
		}
		long n = Long.parseLong(matcher.group(1));
		String unit = (matcher.group(2) == null) ? "ms" : matcher.group(2);
		return switch (unit) {
			case "s" -> Duration.ofSeconds(n);
			case "m" -> Duration.ofMinutes(n);
			case "h" -> Duration.ofHours(n);
			default -> Duration.ofMillis(n);
		};
	}

	private static void checkReturn(Method m, RequestType type, ResourceKind kind, boolean query) {
		Class<?> r = m.getReturnType();
		String where = m.toGenericString();
		if (r == void.class || r == Void.class) {
			throw new IllegalStateException("Unsupported return type void of " + where + ": "
					+ (type == RequestType.GET ? "return the " + kind.label() : "return an Access or a boolean"));
		}
		boolean wrapper = r == Optional.class || CompletionStage.class.isAssignableFrom(r) || r == ResResponse.class
				|| r == Object.class;
		if (type == RequestType.ACCESS) {
			if (!wrapper && r != Access.class && r != boolean.class && r != Boolean.class) {
				throw new IllegalStateException("Unsupported return type " + r.getSimpleName() + " of access handler "
						+ where + ": return an Access or a boolean");
			}
			return;
		}
		if (r == QueryResult.class && !query) {
			throw new IllegalStateException("QueryResult returned by " + where
					+ ", but the resource is not a query resource (set query = true)");
		}
		if (wrapper || r == QueryResult.class) {
			return;
		}
		boolean isCollection = r.isArray() || Collection.class.isAssignableFrom(r);
		if (kind == ResourceKind.MODEL && (isCollection || r.isPrimitive() || r == String.class
				|| Number.class.isAssignableFrom(r) || r == Boolean.class)) {
			throw new IllegalStateException("Unsupported return type " + r.getSimpleName() + " of model get handler "
					+ where + ": return a record, POJO or Map");
		}
		if (kind == ResourceKind.COLLECTION && !isCollection) {
			throw new IllegalStateException("Unsupported return type " + r.getSimpleName()
					+ " of collection get handler " + where + ": return a List, Collection or array");
		}
	}
}
