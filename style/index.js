import './base.css';
import './tree.css';
import './trialComponents.css';
import './chart.css';
import './details.css';
import './monitoring.css';
import './endpoints.css';
