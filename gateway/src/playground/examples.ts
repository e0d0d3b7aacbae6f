/**
 * The saved operations the playground opens as tabs: the questions analysts ask, and the member
 * dashboard the apps show. Each is a trusted document of schema/operations (reviewed, typed by the
 * client generator), named here with the title the analyst reads and the variables it starts with.
 */
export interface PlaygroundExample {
  title: string;
  /** Its name in schema/operations (the manifest). */
  operation: string;
  variables?: Record<string, unknown>;
}

const thisYear = () => Number(new Date().toLocaleDateString("en-CA", { timeZone: "America/Bogota" }).slice(0, 4));

export function playgroundExamples(): PlaygroundExample[] {
  const year = thisYear();
  return [
    { title: "Afiliados por municipio y régimen", operation: "AffiliatesByMunicipality", variables: { regime: null } },
    { title: "Autorizaciones por estado y mes", operation: "AuthorizationsByStateAndMonth", variables: { year } },
    { title: "PQRS vencidas", operation: "OverduePqrs", variables: { from: `${year}-01` } },
    { title: "Días de incapacidad por tipo", operation: "IncapacityDaysByType", variables: { year } },
    { title: "Cartera PAC en mora por rango de días", operation: "PacArrearsByBucket" },
    { title: "Inicio del afiliado (tablero)", operation: "MemberHome" },
  ];
}
