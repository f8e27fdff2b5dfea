package io.resgate.spring.service.runtime;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.core.MethodParameter;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;
import org.springframework.util.StringUtils;
import org.springframework.validation.DirectFieldBindingResult;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.validation.Validator;

import io.resgate.spring.protocol.ResError;
import io.resgate.spring.protocol.ResException;
import io.resgate.spring.service.ResRequest;
import io.resgate.spring.service.annotation.Cid;
import io.resgate.spring.service.annotation.PathParam;
import io.resgate.spring.service.annotation.QueryParam;
import io.resgate.spring.service.annotation.ResHeader;
import io.resgate.spring.service.annotation.ResMethod;
import io.resgate.spring.service.annotation.ResParams;
import io.resgate.spring.service.annotation.ResToken;

/**
 * The built-in argument resolvers of handler methods, as spring-messaging {@link HandlerMethodArgumentResolver}s
 * whose message payload is the request: {@link ResRequest}, {@code @PathParam}, {@code @QueryParam},
 * {@code @ResParams}, {@code @ResToken}, {@code @ResHeader}, {@code @Cid} and {@code @ResMethod}. Each
 * parameter is checked and prepared at startup ({@link Prepared#prepare}), failing on parameters that cannot
 * be bound; a request then only converts values.
 */
final class ArgumentResolvers {

	private static final TypeDescriptor STRING = TypeDescriptor.valueOf(String.class);

	private final ServiceCore core;

	private final ConversionService conversion;

	private final Validator validator;

	ArgumentResolvers(ServiceCore core, ConversionService conversion, Validator validator) {
		this.core = core;
		this.conversion = conversion;
		this.validator = validator;
	}

	/** Resolves one argument from the request, prepared for one parameter. */
	@FunctionalInterface
	interface ArgumentResolver {

		Object resolve(RequestContext request) throws Exception;
	}

	/**
	 * A built-in resolver: checks each parameter it supports at startup and keeps what resolving it takes
	 * (names, types, converters), as Spring's own resolvers cache their per-parameter information.
	 */
	abstract static class Prepared implements HandlerMethodArgumentResolver {

		private final Map<MethodParameter, ArgumentResolver> prepared = new ConcurrentHashMap<>();

		/**
		 * Checks a parameter and prepares its resolution.
		 * @param param the parameter (of the invocable handler method)
		 * @param pattern the resource pattern
		 * @param type the request type of the handler
		 * @param where the parameter's description for messages
		 * @throws IllegalStateException if the parameter cannot be bound
		 */
		final void prepare(MethodParameter param, HandlerPattern pattern, RequestType type, String where) {
			prepared.put(param, create(param, pattern, type, where));
		}

		abstract ArgumentResolver create(MethodParameter param, HandlerPattern pattern, RequestType type,
				String where);

		@Override
		public final Object resolveArgument(MethodParameter parameter, Message<?> message) throws Exception {
			ArgumentResolver r = prepared.get(parameter);
			if (r == null) {
				throw new IllegalStateException("Parameter not prepared at startup: " + parameter);
			}
			return r.resolve(((RequestMessage) message).request());
		}
	}

	/** A resolver for parameters with one annotation. */
	private static final class Annotated extends Prepared {

		private final Class<? extends Annotation> annotation;

		private final Factory factory;

		Annotated(Class<? extends Annotation> annotation, Factory factory) {
			this.annotation = annotation;
			this.factory = factory;
		}

		@Override
		public boolean supportsParameter(MethodParameter parameter) {
			return parameter.hasParameterAnnotation(annotation);
		}

		@Override
		ArgumentResolver create(MethodParameter param, HandlerPattern pattern, RequestType type, String where) {
			return factory.create(param, pattern, type, where);
		}

		@Override
		public String toString() {
			return "@" + annotation.getSimpleName() + " resolver";
		}
	}

	@FunctionalInterface
	private interface Factory {

		ArgumentResolver create(MethodParameter param, HandlerPattern pattern, RequestType type, String where);
	}

	/**
	 * The built-in resolvers, in the order they are asked.
	 * @return the resolvers
	 */
	List<Prepared> builtIn() {
		Prepared request = new Prepared() {

			@Override
			public boolean supportsParameter(MethodParameter parameter) {
				return ResRequest.class.equals(parameter.getParameterType());
			}

			@Override
			ArgumentResolver create(MethodParameter param, HandlerPattern pattern, RequestType type, String where) {
				return r -> r;
			}
		};
		return List.of(request, new Annotated(PathParam.class, this::pathParam),
				new Annotated(QueryParam.class, (p, pattern, type, where) -> queryParam(p, where)),
				new Annotated(ResParams.class, this::params),
				new Annotated(ResToken.class, this::token),
				new Annotated(ResHeader.class, (p, pattern, type, where) -> header(
						p.getParameterAnnotation(ResHeader.class).value(), p, where)),
				new Annotated(Cid.class, (p, pattern, type, where) -> {
					requireString(p.getParameterType(), "@Cid", where);
					if (type == RequestType.GET) {
						throw new IllegalStateException("@Cid on " + where + ": get requests carry no connection ID");
					}
					return RequestContext::cid;
				}),
				new Annotated(ResMethod.class, (p, pattern, type, where) -> {
					requireString(p.getParameterType(), "@ResMethod", where);
					if (type != RequestType.CALL && type != RequestType.AUTH) {
						throw new IllegalStateException("@ResMethod on " + where
								+ ": only call and auth requests have a method");
					}
					return RequestContext::method;
				}));
	}

	/**
	 * The message for a parameter no resolver supports.
	 * @param where the parameter's description
	 * @return the message
	 */
	static String unsupported(String where) {
		return "Unsupported " + where + ": annotate it with @PathParam, @QueryParam, "
				+ "@ResParams, @ResToken, @ResHeader, @Cid or @ResMethod, or declare it as ResRequest";
	}

	private ArgumentResolver pathParam(MethodParameter param, HandlerPattern pattern, RequestType type,
			String where) {
		String name = name(param.getParameterAnnotation(PathParam.class).value(), param, where);
		if (!pattern.placeholders().contains(name)) {
			throw new IllegalStateException("@PathParam(\"" + name + "\") on " + where + ": the pattern '"
					+ pattern + "' has no placeholder $" + name);
		}
		TypeDescriptor target = new TypeDescriptor(param);
		checkConvertible(target, where);
		return r -> {
			try {
				return conversion.convert(r.pathParam(name), STRING, target);
			}
			catch (RuntimeException ex) {
				throw new ResException(ResError.NOT_FOUND);
			}
		};
	}

	private ArgumentResolver params(MethodParameter param, HandlerPattern pattern, RequestType type, String where) {
		if (type != RequestType.CALL && type != RequestType.AUTH) {
			throw new IllegalStateException("@ResParams on " + where + ": only call and auth requests have params");
		}
		return params(param);
	}

	private ArgumentResolver token(MethodParameter param, HandlerPattern pattern, RequestType type, String where) {
		if (type == RequestType.GET) {
			throw new IllegalStateException("@ResToken on " + where + ": get requests carry no token");
		}
		return token(param);
	}

	private static String name(String declared, MethodParameter param, String where) {
		if (StringUtils.hasText(declared)) {
			return declared;
		}
		String n = param.getParameterName();
		if (n == null) {
			throw new IllegalStateException("No name for " + where
					+ ": give the name in the annotation or compile with -parameters");
		}
		return n;
	}

	private static void requireString(Class<?> t, String annotation, String where) {
		if (!String.class.equals(t)) {
			throw new IllegalStateException(annotation + " on " + where + ": the parameter must be a String");
		}
	}

	private void checkConvertible(TypeDescriptor target, String where) {
		if (!conversion.canConvert(STRING, target)) {
			throw new IllegalStateException("Cannot convert a String to " + target + " for " + where);
		}
	}

	private ArgumentResolver queryParam(MethodParameter param, String where) {
		QueryParam a = param.getParameterAnnotation(QueryParam.class);
		String name = name(a.value(), param, where);
		boolean hasDefault = !QueryParam.NO_DEFAULT.equals(a.defaultValue());
		Class<?> t = param.getParameterType();
		boolean optional = Optional.class.equals(t);
		boolean list = List.class.equals(t);
		MethodParameter inner = (optional || list) ? param.nested() : param;
		TypeDescriptor target = optional ? new TypeDescriptor(inner) : new TypeDescriptor(param);
		if (list) {
			target = TypeDescriptor.collection(List.class, new TypeDescriptor(inner));
			if (!conversion.canConvert(TypeDescriptor.collection(List.class, STRING), target)) {
				throw new IllegalStateException("Cannot convert query values to " + target + " for " + where);
			}
		}
		else {
			checkConvertible(target, where);
		}
		boolean required = a.required() && !hasDefault && !optional;
		TypeDescriptor to = target;
		return r -> {
			List<String> values = r.queryParams().get(name);
			if (values == null || values.isEmpty()) {
				if (hasDefault) {
					values = List.of(a.defaultValue());
				}
				else if (required) {
					throw new ResException(ResError.CODE_INVALID_QUERY, "Missing query parameter: " + name);
				}
				else {
					return optional ? Optional.empty() : (list ? List.of() : null);
				}
			}
			try {
				if (list) {
					return conversion.convert(values, TypeDescriptor.collection(List.class, STRING), to);
				}
				Object v = conversion.convert(values.get(0), STRING, to);
				return optional ? Optional.ofNullable(v) : v;
			}
			catch (RuntimeException ex) {
				throw new ResException(ResError.CODE_INVALID_QUERY, "Invalid query parameter: " + name);
			}
		};
	}

	private ArgumentResolver params(MethodParameter param) {
		Class<?> t = param.getParameterType();
		if (JsonNode.class.isAssignableFrom(t)) {
			return r -> {
				JsonNode p = r.rawParams();
				return (p == null || p.isNull()) ? JsonNodeFactory.instance.objectNode() : p;
			};
		}
		JavaType javaType = core.bindMapper().constructType(param.getGenericParameterType());
		boolean validate = validator != null && isValidated(param);
		return r -> {
			JsonNode p = r.rawParams();
			if (p == null || p.isNull()) {
				p = JsonNodeFactory.instance.objectNode();
			}
			Object value;
			try {
				value = core.bindMapper().treeToValue(p, javaType);
			}
			catch (JacksonException ex) {
				throw new ResException(ResError.invalidParams(paramsMessage(ex)));
			}
			if (validate && value != null) {
				validate(value);
			}
			return value;
		};
	}

	private static String paramsMessage(JacksonException ex) {
		if (ex instanceof DatabindException de && !de.getPath().isEmpty()) {
			StringBuilder sb = new StringBuilder();
			for (JacksonException.Reference ref : de.getPath()) {
				if (ref.getPropertyName() != null) {
					if (sb.length() > 0) {
						sb.append('.');
					}
					sb.append(ref.getPropertyName());
				}
				else if (ref.getIndex() >= 0) {
					sb.append('[').append(ref.getIndex()).append(']');
				}
			}
			if (sb.length() > 0) {
				return "Invalid parameters: " + sb;
			}
		}
		return "Invalid parameters";
	}

	private void validate(Object value) {
		Errors errors = new DirectFieldBindingResult(value, "params");
		validator.validate(value, errors);
		if (!errors.hasErrors()) {
			return;
		}
		List<ObjectError> all = new ArrayList<>(errors.getAllErrors());
		all.sort(Comparator.comparing(e -> (e instanceof FieldError fe) ? fe.getField() : ""));
		Set<String> messages = new LinkedHashSet<>();
		for (ObjectError e : all) {
			String msg = (e.getDefaultMessage() != null) ? e.getDefaultMessage() : "is invalid";
			if (e instanceof FieldError fe && isDefaultMessage(e, msg, fe.getField())) {
				msg = fe.getField() + " " + msg;
			}
			messages.add(msg);
		}
		throw new ResException(ResError.invalidParams(String.join("; ", messages)));
	}

	/**
	 * Tells if a violation message is a constraint's default one ("must not be blank"), which reads
	 * better with the field name in front; custom messages are kept as written.
	 */
	private static boolean isDefaultMessage(ObjectError e, String msg, String field) {
		try {
			Class<?> cv = Class.forName("jakarta.validation.ConstraintViolation", false,
					ArgumentResolvers.class.getClassLoader());
			if (e.contains(cv)) {
				Object violation = e.unwrap(cv);
				Object template = cv.getMethod("getMessageTemplate").invoke(violation);
				return template instanceof String t && t.startsWith("{");
			}
		}
		catch (ReflectiveOperationException | LinkageError | IllegalArgumentException ex) {
			// fall back to the message itself
		}
		return !msg.toLowerCase().startsWith(field.toLowerCase());
	}

	private static boolean isValidated(MethodParameter param) {
		for (Annotation a : param.getParameterAnnotations()) {
			String n = a.annotationType().getName();
			if (n.equals("jakarta.validation.Valid") || n.equals("org.springframework.validation.annotation.Validated")) {
				return true;
			}
		}
		return false;
	}

	private ArgumentResolver token(MethodParameter param) {
		Class<?> t = param.getParameterType();
		if (JsonNode.class.isAssignableFrom(t)) {
			return RequestContext::rawToken;
		}
		boolean optional = Optional.class.equals(t);
		JavaType javaType = core.bindMapper()
			.constructType(optional ? param.nested().getNestedGenericParameterType() : param.getGenericParameterType());
		return r -> {
			JsonNode token = r.rawToken();
			if (token == null) {
				return optional ? Optional.empty() : null;
			}
			try {
				Object v = core.bindMapper().treeToValue(token, javaType);
				return optional ? Optional.ofNullable(v) : v;
			}
			catch (JacksonException ex) {
				throw new ResException(ResError.internalError("invalid token"));
			}
		};
	}

	private static ArgumentResolver header(String name, MethodParameter param, String where) {
		Class<?> t = param.getParameterType();
		if (!StringUtils.hasText(name)) {
			if (!Map.class.equals(t)) {
				throw new IllegalStateException("@ResHeader without a name on " + where
						+ ": the parameter must be a Map<String, List<String>>");
			}
			return RequestContext::header;
		}
		if (String.class.equals(t)) {
			return r -> {
				List<String> v = r.header().get(name);
				return (v == null || v.isEmpty()) ? null : v.get(0);
			};
		}
		if (List.class.equals(t)) {
			return r -> r.header().getOrDefault(name, List.of());
		}
		if (Optional.class.equals(t)) {
			return r -> {
				List<String> v = r.header().get(name);
				return (v == null || v.isEmpty()) ? Optional.empty() : Optional.of(v.get(0));
			};
		}
		throw new IllegalStateException("@ResHeader(\"" + name + "\") on " + where
				+ ": the parameter must be a String, List<String> or Optional<String>");
	}
}
