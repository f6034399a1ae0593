// The example host page's own script (embed.html): what a portal developer would write. It
// passes one widget its data by property, and points the project widgets at whatever project
// the reader chooses in the portfolio widget (pmo-select).

const forecast = document.getElementById('forecast-widget');
const projectName = document.getElementById('project-name');
const lastChoice = document.getElementById('last-choice');

// Data by property: any portfolio object (or its JSON text) the page already has.
fetch('sample/portfolio.json')
  .then((response) => (response.ok ? response.json() : Promise.reject(new Error(`HTTP ${response.status}`))))
  .then((portfolio) => { forecast.data = portfolio; })
  .catch((error) => { lastChoice.textContent = `The forecast's data could not be loaded: ${error.message}`; });

document.addEventListener('pmo-select', (event) => {
  const { kind, projectId } = event.detail;
  lastChoice.textContent = `Last choice: ${kind} ${JSON.stringify(event.detail)}`;
  if (kind !== 'project') return;
  projectName.textContent = projectId;
  for (const widget of document.querySelectorAll('#project [project]')) widget.setAttribute('project', projectId);
});
