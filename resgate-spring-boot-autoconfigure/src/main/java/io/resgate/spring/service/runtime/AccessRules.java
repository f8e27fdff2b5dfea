package io.resgate.spring.service.runtime;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import tools.jackson.databind.JsonNode;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.expression.AccessException;
import org.springframework.expression.BeanResolver;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.Expression;
import org.springframework.expression.ParseException;
import org.springframework.expression.PropertyAccessor;
import org.springframework.expression.TypedValue;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.StandardEvaluationContext;
import org.springframework.util.ReflectionUtils;

import io.resgate.spring.service.Access;
import io.resgate.spring.service.ResRequest;

/**
 * The access handler of a component with declarative rules ({@code @ResAccess(get = ..., call = ...)} on the
 * class): evaluates the SpEL expressions for each access request. An expression that fails, or gives a value
 * of another type, denies all access; the first failure of a rule is logged, later ones only at debug level.
 */
final class AccessRules {

	private static final Log logger = LogFactory.getLog("io.resgate.spring.service");

	static final Method CHECK = ReflectionUtils.findMethod(AccessRules.class, "check", ResRequest.class);

	private static final SpelExpressionParser PARSER = new SpelExpressionParser();

	private static final PropertyAccessor JSON_OBJECTS = new JsonObjectAccessor();

	private final ServiceCore core;

	private final String where;

	private final Rule get;

	private final Rule call;

	private final BeanResolver beans;

	private AccessRules(ServiceCore core, String where, Rule get, Rule call, BeanResolver beans) {
		this.core = core;
		this.where = where;
		this.get = get;
		this.call = call;
		this.beans = beans;
	}

	/**
	 * Parses the rules of a component.
	 * @param core the service
	 * @param rule the rule as declared
	 * @param where the component, for messages
	 * @param beans resolves {@code @bean} references, or {@code null}
	 * @return the access handler
	 * @throws IllegalStateException if an expression does not parse
	 */
	static AccessRules parse(ServiceCore core, ResEndpoint.AccessRule rule, String where, BeanResolver beans) {
		return new AccessRules(core, where, Rule.parse("get", rule.get(), where), Rule.parse("call", rule.call(), where),
				beans);
	}

	/**
	 * The access handler method.
	 * @param request the access request
	 * @return the access the rules grant
	 */
	Access check(ResRequest request) {
		EvaluationContext context = context(request);
		boolean getAccess = false;
		String methods = null;
		try {
			if (get != null) {
				Object v = get.evaluate(context, request);
				if (v instanceof Boolean b) {
					getAccess = b;
				}
				else if (v != null) {
					throw get.failed(request, "gave " + v.getClass().getSimpleName() + ", not a boolean");
				}
			}
			if (call != null) {
				Object v = call.evaluate(context, request);
				if (v instanceof Boolean b) {
					methods = b ? "*" : null;
				}
				else if (v instanceof String s) {
					methods = s.isBlank() ? null : s.trim();
				}
				else if (v != null) {
					throw call.failed(request, "gave " + v.getClass().getSimpleName() + ", not a boolean or string");
				}
			}
		}
		catch (RuleFailure failure) {
			return Access.denied();
		}
		return Access.of(getAccess, methods);
	}

	private EvaluationContext context(ResRequest request) {
		JsonNode raw = request.rawToken();
		Object token = (raw == null) ? null : core.bindMapper().treeToValue(raw, Object.class);
		StandardEvaluationContext context = new StandardEvaluationContext(
				new AccessExpressionRoot(token, request.resourceName(), request.pathParams(), request.cid()));
		context.addPropertyAccessor(JSON_OBJECTS);
		for (Map.Entry<String, String> e : request.pathParams().entrySet()) {
			context.setVariable(e.getKey(), e.getValue());
		}
		if (beans != null) {
			context.setBeanResolver(beans);
		}
		return context;
	}

	@Override
	public String toString() {
		return "access rules of " + where;
	}

	/** One expression with its failure flag. */
	private static final class Rule {

		private final String kind;

		private final String source;

		private final Expression expression;

		private final AtomicBoolean failedBefore = new AtomicBoolean();

		private Rule(String kind, String source, Expression expression) {
			this.kind = kind;
			this.source = source;
			this.expression = expression;
		}

		static Rule parse(String kind, String source, String where) {
			if (source == null || source.isEmpty()) {
				return null;
			}
			try {
				return new Rule(kind, source, PARSER.parseExpression(source));
			}
			catch (ParseException ex) {
				throw new IllegalStateException("Invalid @ResAccess " + kind + " rule \"" + source + "\" on " + where
						+ ": " + ex.getMessage(), ex);
			}
		}

		Object evaluate(EvaluationContext context, ResRequest request) {
			try {
				return expression.getValue(context);
			}
			catch (RuntimeException ex) {
				throw failed(request, "failed: " + ex.getMessage());
			}
		}

		/** Logs a failure (the first at warn level) and returns the exception that denies the access. */
		RuleFailure failed(ResRequest request, String what) {
			String line = "@ResAccess " + kind + " rule \"" + source + "\" " + what + " (access to "
					+ request.resourceName() + " denied)";
			if (failedBefore.compareAndSet(false, true)) {
				logger.warn(line + "; later failures of this rule are logged at debug level");
			}
			else if (logger.isDebugEnabled()) {
				logger.debug(line);
			}
			return new RuleFailure();
		}
	}

	/** A rule failed: the access is denied. */
	private static final class RuleFailure extends RuntimeException {

		RuleFailure() {
			super(null, null, false, false);
		}
	}

	/**
	 * Reads the members of JSON objects (maps) as properties: {@code token.user}; a missing member reads as
	 * {@code null}, as in JavaScript.
	 */
	private static final class JsonObjectAccessor implements PropertyAccessor {

		@Override
		public Class<?>[] getSpecificTargetClasses() {
			return new Class<?>[] { Map.class };
		}

		@Override
		public boolean canRead(EvaluationContext context, Object target, String name) {
			return target instanceof Map;
		}

		@Override
		public TypedValue read(EvaluationContext context, Object target, String name) throws AccessException {
			return new TypedValue(((Map<?, ?>) target).get(name));
		}

		@Override
		public boolean canWrite(EvaluationContext context, Object target, String name) {
			return false;
		}

		@Override
		public void write(EvaluationContext context, Object target, String name, Object newValue)
				throws AccessException {
			throw new AccessException("Access rules cannot change the token");
		}
	}
}
