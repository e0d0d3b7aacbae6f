// The playground's page script: a sign-in bar above GraphiQL. Plain browser JavaScript over the React and
// GraphiQL builds the gateway serves from its own packages (no bundler, nothing from another origin).
// The session's token lives in memory only, and GraphiQL's tabs and answers are kept in memory too: the
// answers hold members' data, which must not stay in the browser's storage.
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("playground-config").textContent);
  const h = React.createElement;
  const session = { token: null, label: "sin sesión", role: null };

  /** A Storage that forgets everything when the page closes. */
  function memoryStorage() {
    const items = new Map();
    return {
      get length() {
        return items.size;
      },
      key: (index) => Array.from(items.keys())[index] ?? null,
      getItem: (key) => (items.has(key) ? items.get(key) : null),
      setItem: (key, value) => items.set(key, String(value)),
      removeItem: (key) => items.delete(key),
      clear: () => items.clear(),
    };
  }

  async function post(body, token, extraHeaders) {
    const response = await fetch("/graphql", {
      method: "POST",
      headers: {
        ...extraHeaders,
        "content-type": "application/json",
        accept: "application/graphql-response+json, application/json",
        "apollographql-client-name": "playground",
        ...(token && { authorization: "Bearer " + token }),
      },
      body: JSON.stringify(body),
    });
    return response.json();
  }

  /** GraphiQL's requests, with the session's token and the headers typed in its editor (an agent's X-Access-Purpose). */
  function fetcher(params, options) {
    // Right after a tab switch GraphiQL may still send the previous tab's operation name; a name the
    // document does not define would be refused, so the server then picks the document's operation.
    const name = params.operationName;
    const defined = name && new RegExp("\\b(query|mutation|subscription)\\s+" + name + "\\b").test(params.query || "");
    const body = name && !defined ? { ...params, operationName: undefined } : params;
    return post(body, session.token, (options && options.headers) || {});
  }

  async function signIn(email, password) {
    if (!config.loginId) throw new Error("Este gateway no tiene la operación Login en su lista aprobada.");
    const result = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: config.loginId } }, variables: { input: { email, password } } }, null);
    const login = result.data && result.data.login;
    if (!login) throw new Error((result.errors && result.errors[0] && result.errors[0].message) || "No se pudo iniciar sesión.");
    session.token = login.accessToken;
    session.role = login.profile.role;
    session.label = email + " (" + login.profile.role + ")";
  }

  function signOut() {
    session.token = null;
    session.role = null;
    session.label = "sin sesión";
  }

  const tabs = config.examples.map((example) => ({
    query: "# " + example.title + "\n" + example.query,
    variables: JSON.stringify(example.variables, null, 2),
  }));

  function Bar(props) {
    const [email, setEmail] = React.useState("");
    const [password, setPassword] = React.useState("");
    const [message, setMessage] = React.useState("");
    const [busy, setBusy] = React.useState(false);
    const submit = async (event) => {
      event.preventDefault();
      setBusy(true);
      setMessage("");
      try {
        await signIn(email, password);
        setPassword("");
        props.onSession();
      } catch (error) {
        setMessage(error.message);
      } finally {
        setBusy(false);
      }
    };
    const choose = (event) => {
      const persona = config.personas[Number(event.target.value)];
      if (!persona) return;
      setEmail(persona.email);
      setPassword(persona.password);
    };
    return h(
      "form",
      { className: "sos-bar", onSubmit: submit, "aria-label": "Inicio de sesión" },
      h("strong", { className: "sos-title" }, "S.O.S. — explorador del grafo"),
      config.personas.length
        ? h(
            "select",
            { id: "sos-persona", onChange: choose, defaultValue: "", "aria-label": "Persona de desarrollo" },
            h("option", { value: "", disabled: true }, "Persona de desarrollo…"),
            config.personas.map((persona, index) => h("option", { key: persona.email, value: String(index) }, persona.label)),
          )
        : null,
      h("input", { id: "sos-email", type: "email", placeholder: "Correo", value: email, onChange: (e) => setEmail(e.target.value), autoComplete: "username" }),
      h("input", { id: "sos-password", type: "password", placeholder: "Contraseña", value: password, onChange: (e) => setPassword(e.target.value), autoComplete: "current-password" }),
      h("button", { id: "sos-sign-in", type: "submit", disabled: busy }, busy ? "Entrando…" : "Entrar"),
      session.token
        ? h("button", { id: "sos-sign-out", type: "button", onClick: () => (signOut(), props.onSession()) }, "Salir")
        : null,
      h("span", { id: "sos-session", className: "sos-session", role: "status" }, message || "Sesión: " + session.label),
    );
  }

  function App() {
    // A new session remounts GraphiQL, which then reads the schema this viewer may see.
    const [generation, setGeneration] = React.useState(0);
    // A fresh store per session: the new viewer starts from the saved tabs, not from the last one's answers.
    const storage = React.useMemo(memoryStorage, [generation]);
    return h(
      React.Fragment,
      null,
      h(Bar, { onSession: () => setGeneration((n) => n + 1) }),
      h(
        "div",
        { className: "sos-graphiql" },
        h(GraphiQL, {
          key: generation,
          fetcher,
          // Without a session there is no schema to read (introspection is for signed-in roles): do not ask.
          ...(session.token ? {} : { schema: null }),
          defaultTabs: tabs,
          storage,
          shouldPersistHeaders: false,
          defaultEditorToolsVisibility: "variables",
        }),
      ),
    );
  }

  ReactDOM.createRoot(document.getElementById("graphiql")).render(h(App));
})();
