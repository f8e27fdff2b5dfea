package io.resgate.spring.gateway.conformance;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Events held back while an earlier event of the same resource waits for referenced resources to
 * be fetched, then sent in order, each carrying the resources the client does not have yet.
 */
class EventQueueScenarios extends ConformanceTest {

	static final String MODEL = Resources.data("test.model");

	@ParameterizedTest
	@EnumSource(Transport.class)
	void eventWhileQueueing(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, "test.collection");
		s.service().add("test.collection", 1, "{'rid':'test.model'}");
		ServiceRequest get = s.service().awaitRequest("get.test.model");
		s.service().add("test.collection", 2, "'newValue'");
		c.assertNoMessage();
		get.resource("test.model");
		c.assertEvent("test.collection.add", "{'idx':1,'value':{'rid':'test.model'},'models':{'test.model':" + MODEL + "}}");
		c.assertEvent("test.collection.add", "{'idx':2,'value':'newValue'}");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void referenceEventWhileQueueing(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, "test.collection");
		s.service().add("test.collection", 1, "{'rid':'test.model'}");
		ServiceRequest get1 = s.service().awaitRequest("get.test.model");
		s.service().add("test.collection", 2, "{'rid':'test.model2'}");
		s.service().add("test.collection", 3, "'newValue'");
		get1.resource("test.model");
		c.assertEvent("test.collection.add", "{'idx':1,'value':{'rid':'test.model'},'models':{'test.model':" + MODEL + "}}");
		ServiceRequest get2 = s.service().awaitRequest("get.test.model2");
		c.assertNoMessage();
		get2.model(MODEL);
		c.assertEvent("test.collection.add", "{'idx':2,'value':{'rid':'test.model2'},'models':{'test.model2':" + MODEL + "}}");
		c.assertEvent("test.collection.add", "{'idx':3,'value':'newValue'}");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void cachedReferenceEventWhileQueueing(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, "test.collection.parent", "test.collection");
		s.service().remove("test.collection.parent", 1);
		c.assertEvent("test.collection.parent.remove", "{'idx':1}");
		s.service().add("test.collection.parent", 1, "{'rid':'test.model'}");
		ServiceRequest get = s.service().awaitRequest("get.test.model");
		s.service().add("test.collection.parent", 2, "{'rid':'test.collection'}");
		get.resource("test.model");
		c.assertEvent("test.collection.parent.add", "{'idx':1,'value':{'rid':'test.model'},'models':{'test.model':" + MODEL + "}}");
		c.assertEvent("test.collection.parent.add", "{'idx':2,'value':{'rid':'test.collection'},'collections':{'test.collection':"
				+ Resources.data("test.collection") + "}}");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void unqueueEventWithLoadedReferenceResource(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, "test.model");
		s.subscribe(c, "test.collection");
		s.service().change("test.model", "{'a':{'rid':'test.model.a'},'b':{'rid':'test.model.b'},'c':{'rid':'test.model.c'}}");
		ServiceRequest a = s.service().awaitRequest("get.test.model.a");
		ServiceRequest b = s.service().awaitRequest("get.test.model.b");
		ServiceRequest cc = s.service().awaitRequest("get.test.model.c");
		a.model(MODEL);
		s.service().add("test.collection", 1, "{'rid':'test.model.b'}");
		s.service().add("test.collection", 2, "{'rid':'test.model.a'}");
		c.assertNoMessage();
		b.model(MODEL);
		c.assertEvent("test.collection.add", "{'idx':1,'value':{'rid':'test.model.b'},'models':{'test.model.b':" + MODEL + "}}");
		c.assertEvent("test.collection.add", "{'idx':2,'value':{'rid':'test.model.a'},'models':{'test.model.a':" + MODEL + "}}");
		cc.model(MODEL);
		c.assertEvent("test.model.change", "{'values':{'a':{'rid':'test.model.a'},'b':{'rid':'test.model.b'},'c':{'rid':'test.model.c'}},"
				+ "'models':{'test.model.c':" + MODEL + "}}");
	}
}
