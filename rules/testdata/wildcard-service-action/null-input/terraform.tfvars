queue_actions = null
topic_actions = null
