// The baseline of the cold-start benchmark: the smallest Ink program that renders one frame.
import React from 'react';
import { render, Text } from 'ink';

const app = render(React.createElement(Text, null, 'Openflow Kafka Quickstart hello'));
setTimeout(() => app.unmount(), 200);
